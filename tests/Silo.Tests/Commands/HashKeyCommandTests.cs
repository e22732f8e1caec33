using Platform.Silo.Commands;

namespace Platform.Silo.Tests.Commands;

public class HashKeyCommandTests
{
    const string AbcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void HashKey_OfAnArgument_PrintsItsSha256Hex()
    {
        var (exit, stdout, _) = PlatformProcess.Run("hash-key", "abc");

        Assert.Equal(0, exit);
        Assert.Equal(AbcHash, stdout.Trim());
    }

    [Fact]
    public void HashKey_ReadsTheFirstLineOfStdin_WithoutItsLineEnding()
    {
        var output = new StringWriter();

        var exit = HashKeyCommand.Run(null, new StringReader("abc\r\nignored"), output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(AbcHash, output.ToString().Trim());
    }

    [Fact]
    public void HashKey_OfAnEmptyKey_IsAUsageError()
    {
        var error = new StringWriter();

        Assert.Equal(2, HashKeyCommand.Run(null, new StringReader(""), TextWriter.Null, error));
        Assert.Contains("empty key", error.ToString());
    }
}
