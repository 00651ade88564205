using HepBot.Host.Commands;

// No verb runs the web host; `migrate`, `therapist add` and `api-key create` are admin verbs (see --help).
return await HepBotCommandLine.InvokeAsync(args, Console.Out, Console.Error);

public partial class Program;
