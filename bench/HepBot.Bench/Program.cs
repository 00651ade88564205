using BenchmarkDotNet.Running;
using HepBot.Bench;
using HepBot.Bench.Micro;
using HepBot.Bench.Nightly;
using HepBot.Bench.Turns;
using HepBot.Bench.Wave;

// dotnet run -c Release --project bench/HepBot.Bench -- <turns|nightly|wave|micro> [options]; see README, Benchmarks.
var name = args.FirstOrDefault();
var options = new BenchArguments([.. args.Skip(1)]);
switch (name)
{
    case "turns":
        return await TurnBench.RunAsync(options);
    case "nightly":
        return await NightlyBench.RunAsync(options);
    case "wave":
        return await WaveBench.RunAsync(options);
    case "wave-host":
        return await WaveHost.RunChildAsync(options);
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run([.. args.Skip(1)]);
        return 0;
    default:
        Console.Error.WriteLine("usage: HepBot.Bench turns [--providers sqlite,postgres] [--conversations 1,50] [--active 10000] [--postgres CS]");
        Console.Error.WriteLine("       HepBot.Bench nightly [--patients 10000,100000] [--days 90] [--template 1000] [--batch 500] [--postgres CS]");
        Console.Error.WriteLine("       HepBot.Bench wave [--patients 1000,10000] [--providers sqlite,postgres] [--hosts 1|2] [--kill] [--lead SECONDS] [--postgres CS]");
        Console.Error.WriteLine("       HepBot.Bench micro [BenchmarkDotNet options, e.g. --filter *]");
        return 2;
}
