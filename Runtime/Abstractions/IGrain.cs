namespace Platform.Runtime;

/// <summary>Marker every grain interface derives from (through one of the key markers).</summary>
public interface IGrain;

/// <summary>A grain interface whose grains are identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain interface whose grains are identified by a Guid key.</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>A grain interface whose grains are identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain;
