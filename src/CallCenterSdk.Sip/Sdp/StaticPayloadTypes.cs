namespace CallCenterSdk.Sip.Sdp;

/// <summary>
/// The static RTP payload types of RFC 3551 §6 (Table 4 and 5): an m-line may list them without an
/// <c>a=rtpmap</c> line.
/// </summary>
internal static class StaticPayloadTypes
{
    private static readonly SdpCodec?[] Table = Build();

    /// <summary>The codec a static payload type stands for, or null for dynamic/unassigned numbers.</summary>
    public static SdpCodec? Lookup(int payloadType) => (uint)payloadType < (uint)Table.Length ? Table[payloadType] : null;

    private static SdpCodec?[] Build()
    {
        var table = new SdpCodec?[35];
        table[0] = SdpCodec.Pcmu;
        table[3] = new SdpCodec(3, "GSM", 8000);
        table[4] = new SdpCodec(4, "G723", 8000);
        table[5] = new SdpCodec(5, "DVI4", 8000);
        table[6] = new SdpCodec(6, "DVI4", 16000);
        table[7] = new SdpCodec(7, "LPC", 8000);
        table[8] = SdpCodec.Pcma;
        table[9] = SdpCodec.G722;
        table[10] = new SdpCodec(10, "L16", 44100, 2);
        table[11] = new SdpCodec(11, "L16", 44100);
        table[12] = new SdpCodec(12, "QCELP", 8000);
        table[13] = SdpCodec.ComfortNoise;
        table[14] = new SdpCodec(14, "MPA", 90000);
        table[15] = new SdpCodec(15, "G728", 8000);
        table[16] = new SdpCodec(16, "DVI4", 11025);
        table[17] = new SdpCodec(17, "DVI4", 22050);
        table[18] = new SdpCodec(18, "G729", 8000);
        table[25] = new SdpCodec(25, "CelB", 90000);
        table[26] = new SdpCodec(26, "JPEG", 90000);
        table[28] = new SdpCodec(28, "nv", 90000);
        table[31] = new SdpCodec(31, "H261", 90000);
        table[32] = new SdpCodec(32, "MPV", 90000);
        table[33] = new SdpCodec(33, "MP2T", 90000);
        table[34] = new SdpCodec(34, "H263", 90000);
        return table;
    }
}
