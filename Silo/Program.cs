using System.CommandLine;
using Platform.Silo.Commands;

var root = new RootCommand("Platform: serverless LLM inference on virtual actors");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
// The host handles Ctrl+C and SIGTERM itself, so a stopping silo gets its whole drain (System.CommandLine would exit after 2 s).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
