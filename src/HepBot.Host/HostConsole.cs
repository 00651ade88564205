namespace HepBot.Host;

/// <summary>Where the host prints what a person at the terminal needs (the demo banner); tests read it back.</summary>
internal sealed class HostConsole(TextWriter output)
{
    public TextWriter Out { get; } = output;
}
