using Platform.Api.Tenants;

namespace Platform.Api.Tests.Tenants;

public class ApiKeyHashTests
{
    [Fact]
    public void TheHashOfAKey_IsTheSha256OfItsUtf8Bytes_InLowercaseHex()
    {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.Hex("abc"));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("ключ"u8)), ApiKeyHash.Hex("ключ"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void AHashThatIsNot64HexCharacters_DoesNotParse(string hex) => Assert.Null(ApiKeyHash.Parse(hex));

    [Fact]
    public void AHashInEitherCase_ParsesToTheSameBytes() =>
        Assert.Equal(ApiKeyHash.Of("abc"), ApiKeyHash.Parse("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
}
