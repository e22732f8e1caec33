namespace Platform.Runtime;

/// <summary>Hands out grain references (type + key); calls through them activate the grain on demand.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey;
}

/// <summary>The grain factory as seen by callers outside any grain (API endpoints, tools, tests).</summary>
public interface IClusterClient : IGrainFactory;
