#!/usr/bin/env bash
# Adds one migration to each provider's set (SQLite, SQL Server, PostgreSQL): build/add-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/../src/HepBot.Data"
for p in Sqlite SqlServer Postgres; do
  dotnet ef migrations add "$1" --context ${p}HepBotDbContext --output-dir Migrations/$p --namespace HepBot.Data.Migrations.$p
  if [ -d HepBot/Data/Migrations/$p ]; then mv HepBot/Data/Migrations/$p/*Snapshot.cs Migrations/$p/; fi
done
rm -rf HepBot
