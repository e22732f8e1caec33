namespace Platform.Kernels.Tests.Numerics;

/// <summary>Floats that probe a narrowing conversion: every half's value, the ties between neighbours, the flush and saturation edges, NaN payloads and random bit patterns.</summary>
public static class EncodeCases
{
    public static float[] Floats()
    {
        var values = new List<float>();
        for (var bits = 0; bits < 0x7C00; bits++)
        {
            var h = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            var next = (float)BitConverter.UInt16BitsToHalf((ushort)(bits + 1));
            foreach (var v in new[] { h, (h + next) / 2, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(h) + 1) })
            {
                values.Add(v);
                values.Add(-v);
            }
        }
        values.AddRange([6.1035156e-05f, 6.1035152e-05f, 65504f, 65519f, 65520f, 1e30f, float.PositiveInfinity, float.NegativeInfinity,
            float.NaN, BitConverter.Int32BitsToSingle(0x7F800001), BitConverter.Int32BitsToSingle(0x7FBFE000), BitConverter.Int32BitsToSingle(unchecked((int)0xFFFFFFFF))]);
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++) values.Add(BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)));
        while (values.Count % 16 != 0) values.Add(0);
        return values.ToArray();
    }
}
