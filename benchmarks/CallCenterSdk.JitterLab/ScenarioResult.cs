using CallCenterSdk.Media.NetworkEmulation;
using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.JitterLab;

/// <summary>The three scores of one scenario and the trace they came from.</summary>
internal sealed record ScenarioResult(string Name, PacketTrace Trace, PlayoutScore Ours, PlayoutScore Static60, PlayoutScore Oracle)
{
    public static ScenarioResult Score(string name, PacketTrace trace, CodecImpairment codec) =>
        new(name, trace, PlayoutScorer.ScoreJitterBuffer(trace, codec), PlayoutScorer.ScoreStatic(trace, codec, 60), PlayoutScorer.ScoreOracle(trace, codec));
}
