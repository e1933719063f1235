namespace CallCenterSdk.Media.NetworkEmulation;

/// <summary>The named scenarios the jitter-buffer scoring table covers (issue 6).</summary>
public static class NetworkScenarios
{
    /// <summary>Switched LAN: 1 ms base delay, sub-millisecond jitter.</summary>
    public static NetworkScenario CleanLan { get; } = new() { Name = "clean LAN", BaseDelayMs = 1, Jitter = new GaussianJitter(0.5) };

    /// <summary>Wi-Fi: 30 ms Gaussian jitter on a 10 ms path.</summary>
    public static NetworkScenario Wifi { get; } = new() { Name = "Wi-Fi 30 ms jitter", BaseDelayMs = 10, Jitter = new GaussianJitter(30) };

    /// <summary>Mobile: 200 ms hand-over stalls every 10 s on a 60 ms path with 10 ms jitter.</summary>
    public static NetworkScenario MobileHandover { get; } = new()
    {
        Name = "mobile 200 ms hand-over / 10 s", BaseDelayMs = 60, Jitter = new GaussianJitter(10), SpikePeriodSeconds = 10, SpikeHeightMs = 200,
    };

    /// <summary>5 % Gilbert-Elliott bursty loss (mean burst 3 packets).</summary>
    public static NetworkScenario BurstLoss { get; } = new()
    {
        Name = "5% Gilbert-Elliott loss", BaseDelayMs = 30, Jitter = new GaussianJitter(5), Loss = GilbertElliottLoss.FromMeanLoss(0.05, 3),
    };

    /// <summary>1 % independent loss with 20 ms Gaussian jitter.</summary>
    public static NetworkScenario RandomLossWithJitter { get; } = new()
    {
        Name = "1% loss + 20 ms jitter", BaseDelayMs = 30, Jitter = new GaussianJitter(20), Loss = new RandomLoss(0.01),
    };

    /// <summary>Route change: the base delay steps up by 80 ms half way through the call.</summary>
    public static NetworkScenario RouteChange { get; } = new()
    {
        Name = "route change +80 ms", BaseDelayMs = 30, Jitter = new GaussianJitter(5), RouteChangeAtSeconds = 30, RouteChangeStepMs = 80,
    };

    /// <summary>Sender clock 200 ppm fast for 10 minutes.</summary>
    public static NetworkScenario DriftFast { get; } = new()
    {
        Name = "drift +200 ppm, 10 min", DurationSeconds = 600, BaseDelayMs = 30, Jitter = new GaussianJitter(5), ClockDriftPpm = 200,
    };

    /// <summary>Sender clock 200 ppm slow for 10 minutes.</summary>
    public static NetworkScenario DriftSlow { get; } = new()
    {
        Name = "drift -200 ppm, 10 min", DurationSeconds = 600, BaseDelayMs = 30, Jitter = new GaussianJitter(5), ClockDriftPpm = -200,
    };

    /// <summary>Reordering: 5 % of packets overtaken by up to 3 later ones.</summary>
    public static NetworkScenario Reordering { get; } = new()
    {
        Name = "reordering depth 3", BaseDelayMs = 30, Jitter = new GaussianJitter(2), ReorderProbability = 0.05, ReorderDepth = 3,
    };

    /// <summary>Opus with DTX: 40 % silence carried as comfort-noise updates every 400 ms.</summary>
    public static NetworkScenario DtxSpeech { get; } = new()
    {
        Name = "DTX speech (Opus), 40% silence", BaseDelayMs = 40, Jitter = new GaussianJitter(10), SilenceFraction = 0.4, Codec = "Opus",
    };

    /// <summary>Every named scenario, in table order.</summary>
    public static IReadOnlyList<NetworkScenario> All { get; } =
    [
        CleanLan, Wifi, MobileHandover, BurstLoss, RandomLossWithJitter, RouteChange, DriftFast, DriftSlow, Reordering, DtxSpeech,
    ];
}
