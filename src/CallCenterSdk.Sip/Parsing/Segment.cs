namespace CallCenterSdk.Sip.Parsing;

/// <summary>A byte range inside a message buffer: where a parsed element starts and how long it is.</summary>
internal readonly record struct Segment(int Start, int Length)
{
    public static readonly Segment None = new(-1, 0);

    public bool IsPresent => Start >= 0;

    public int End => Start + Length;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> buffer) => Start < 0 ? default : buffer.Slice(Start, Length);
}
