namespace Platform.Api.Tenants;

/// <summary>The `--api-keys` file cannot be read or is malformed; the message names the file and the problem.</summary>
public sealed class ApiKeyFileException(string message) : Exception(message);
