namespace Platform.Silo.Hub;

/// <summary>A model could not be fetched from the Hugging Face Hub or found in its local cache.</summary>
public sealed class HubException : Exception
{
    public HubException(string message) : base(message) { }

    public HubException(string message, Exception inner) : base(message, inner) { }
}
