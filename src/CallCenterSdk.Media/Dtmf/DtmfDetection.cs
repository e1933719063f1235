namespace CallCenterSdk.Media.Dtmf;

/// <summary>One key recognised in-band.</summary>
/// <param name="Key">The key: 0-9, *, #, A-D.</param>
/// <param name="StartSample">Index (from the first sample the detector saw) where the tone was first seen.</param>
/// <param name="LowFrequency">The measured row frequency in Hz.</param>
/// <param name="HighFrequency">The measured column frequency in Hz.</param>
public readonly record struct DtmfDetection(char Key, long StartSample, double LowFrequency, double HighFrequency);
