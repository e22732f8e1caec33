using System.CommandLine;
using Platform.Silo.Commands;

var root = new RootCommand("Platform: serverless LLM inference on virtual actors");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
