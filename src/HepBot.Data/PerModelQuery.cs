using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HepBot.Data;

/// <summary>
/// A compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>)
/// for each model it runs against. EF binds a compiled query to the model it first ran with and refuses any other, and one
/// process may hold several: each database provider has its own model, and the tests run SQLite and PostgreSQL side by side.
/// </summary>
/// <typeparam name="TQuery">The compiled query's delegate.</typeparam>
public sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model (compiled on its first use there).</summary>
    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
