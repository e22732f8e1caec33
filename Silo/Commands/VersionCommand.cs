using System.CommandLine;
using System.Reflection;

namespace Platform.Silo.Commands;

/// <summary>`platform version`: prints the build's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of this build");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.WriteLine($"platform {version}");
        });
        return command;
    }
}
