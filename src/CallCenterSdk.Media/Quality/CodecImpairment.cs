namespace CallCenterSdk.Media.Quality;

/// <summary>
/// A codec's E-model impairment values: the equipment impairment factor Ie and the packet-loss robustness
/// factor Bpl (ITU-T G.113 Appendix I, narrow-band scale), plus the algorithmic delay it adds.
/// </summary>
/// <param name="Name">Codec name as shown in reports.</param>
/// <param name="Ie">Equipment impairment factor without loss.</param>
/// <param name="Bpl">Packet-loss robustness factor: the larger, the better the codec hides loss.</param>
/// <param name="AlgorithmicDelayMs">Look-ahead and framing delay of the codec itself, in ms.</param>
public sealed record CodecImpairment(string Name, double Ie, double Bpl, double AlgorithmicDelayMs)
{
    /// <summary>G.711 with G.711 Appendix I concealment: Ie 0, Bpl 25.1 (G.113 Table I.3).</summary>
    public static CodecImpairment G711WithPlc { get; } = new("G.711+PLC", 0, 25.1, 0);

    /// <summary>G.711 without concealment (silence insertion): Ie 0, Bpl 4.3 (G.113 Table I.3).</summary>
    public static CodecImpairment G711WithoutPlc { get; } = new("G.711", 0, 4.3, 0);

    /// <summary>G.729A with VAD: Ie 11, Bpl 19 (G.113 Table I.3); 10 ms frames plus 5 ms look-ahead.</summary>
    public static CodecImpairment G729A { get; } = new("G.729A", 11, 19, 15);

    /// <summary>
    /// Opus (narrow-band scale) with its own concealment and in-band FEC. G.113 has no narrow-band entry for
    /// Opus; these figures (Ie 0, Bpl 30, 26.5 ms algorithmic delay at 20 ms frames) are our assumption, stated
    /// so it can be replaced when a measured value is available.
    /// </summary>
    public static CodecImpairment Opus { get; } = new("Opus", 0, 30, 6.5);

    /// <summary>Finds a codec's values by name (case-insensitive): "G.711+PLC", "G.711", "G.729A", "Opus".</summary>
    /// <exception cref="ArgumentException">The name is not known.</exception>
    public static CodecImpairment ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var codec in new[] { G711WithPlc, G711WithoutPlc, G729A, Opus })
        {
            if (string.Equals(codec.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return codec;
            }
        }

        throw new ArgumentException($"No E-model impairment values for codec '{name}'; known: G.711+PLC, G.711, G.729A, Opus.", nameof(name));
    }
}
