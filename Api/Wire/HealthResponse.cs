namespace Platform.Api.Wire;

/// <summary>The answer of a healthy `GET /health`.</summary>
public sealed record HealthResponse(string Status);
