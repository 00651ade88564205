using BenchmarkDotNet.Running;
using HepBot.Bench;
using HepBot.Bench.Micro;
using HepBot.Bench.Turns;

// dotnet run -c Release --project bench/HepBot.Bench -- <turns|micro> [options]; see README, Benchmarks.
var name = args.FirstOrDefault();
var options = new BenchArguments([.. args.Skip(1)]);
switch (name)
{
    case "turns":
        return await TurnBench.RunAsync(options);
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run([.. args.Skip(1)]);
        return 0;
    default:
        Console.Error.WriteLine("usage: HepBot.Bench turns [--providers sqlite,postgres] [--conversations 1,50] [--active 10000] [--postgres CS]");
        Console.Error.WriteLine("       HepBot.Bench micro [BenchmarkDotNet options, e.g. --filter *]");
        return 2;
}
