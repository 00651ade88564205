namespace HepBot.Bench;

/// <summary><c>--name value</c> pairs after the bench's name.</summary>
internal sealed class BenchArguments(string[] args)
{
    public string? Value(string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Flag(string name) => Array.IndexOf(args, "--" + name) >= 0;

    public int[] Numbers(string name, params int[] defaults) =>
        Value(name) is { } list ? [.. list.Split(',').Select(int.Parse)] : defaults;

    public string[] Words(string name, params string[] defaults) =>
        Value(name) is { } list ? list.Split(',') : defaults;
}
