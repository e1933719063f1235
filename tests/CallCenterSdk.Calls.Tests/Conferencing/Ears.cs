namespace CallCenterSdk.Calls.Tests.Conferencing;

/// <summary>What one phone must hear, and must not, in one step of a test.</summary>
internal sealed record Ear(string Name, CallLeg Leg, double[] Hears, double[] DoesNotHear);

/// <summary>Listens on several phones at once and asserts who hears which tones.</summary>
internal static class Ears
{
    /// <summary>Time for a routing change to pass the jitter buffers and pipes before listening.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// After <see cref="Settle"/>, listens on every phone until each heard its tones in 30 frames and 60 frames went
    /// by, then asserts the tones it must not hear are absent (silence when it must hear nothing).
    /// </summary>
    public static async Task ExpectAsync(string step, IReadOnlyList<double> tones, params Ear[] ears)
    {
        await Task.Delay(Settle);
        var probes = ears.Select(e => new MixedToneProbe(e.Leg.Media.Format.SampleRate, tones)).ToArray();
        var handles = ears.Select((e, i) => e.Leg.Listen(probes[i])).ToArray();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!ears.Select((e, i) => probes[i].Frames >= 60 && e.Hears.All(t => probes[i].FramesWith(t) >= 30)).All(x => x))
            {
                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"{step}: not every phone heard its tones in time.\n{Describe(ears, probes)}");
                }

                await Task.Delay(50);
            }

            for (var i = 0; i < ears.Length; i++)
            {
                foreach (var tone in ears[i].DoesNotHear)
                {
                    Assert.True(probes[i].FramesWith(tone) <= 2, $"{step}: {ears[i].Name} hears {tone} Hz.\n{Describe(ears, probes)}");
                }

                if (ears[i].Hears.Length == 0)
                {
                    Assert.True(probes[i].LoudFrames <= 2, $"{step}: {ears[i].Name} should hear silence.\n{Describe(ears, probes)}");
                }
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    private static string Describe(Ear[] ears, MixedToneProbe[] probes) =>
        string.Join("\n", ears.Select((e, i) => $"  {e.Name}: {probes[i]}"));
}
