using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace CallCenterSdk.CallsLab;

/// <summary>
/// What the process allocates and why its collections run, from the runtime's own events (no profiler attached):
/// the allocation-tick samples (one about every 100 KB allocated, with the type that crossed the mark) summed per type and
/// heap, and each collection's generation and reason. <c>--alloc-profile 1</c> prints it with the final report.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static readonly string[] Heaps = ["soh", "loh", "poh"];
    private static readonly string[] Reasons =
        ["alloc_small", "induced", "low_memory", "empty", "alloc_large", "oos_soh", "oos_loh", "induced_not_forced", "internal", "induced_low_memory", "induced_compacting", "low_memory_host", "pm_full", "low_memory_host_blocking"];

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _collections = new(StringComparer.Ordinal);
    private long _sampled;

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        object? Field(string name)
        {
            var i = names.IndexOf(name);
            return i >= 0 ? payload[i] : null;
        }

        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true)
        {
            var amount = Convert.ToInt64(Field("AllocationAmount64") ?? Field("AllocationAmount") ?? 0, CultureInfo.InvariantCulture);
            var kind = Convert.ToInt32(Field("AllocationKind") ?? 0, CultureInfo.InvariantCulture);
            var type = Field("TypeName") as string ?? "?";
            var key = $"{Heaps[Math.Clamp(kind, 0, 2)]} {type}";
            _bytesByType.AddOrUpdate(key, amount, (_, sum) => sum + amount);
            Interlocked.Add(ref _sampled, amount);
        }
        else if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) == true)
        {
            var depth = Convert.ToInt32(Field("Depth") ?? -1, CultureInfo.InvariantCulture);
            var reason = Convert.ToInt32(Field("Reason") ?? -1, CultureInfo.InvariantCulture);
            var key = $"gen{depth} {(reason >= 0 && reason < Reasons.Length ? Reasons[reason] : reason.ToString(CultureInfo.InvariantCulture))}";
            _collections.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The profile as lines starting with "alloc" (types by sampled bytes, largest first) and "gc" (collections).</summary>
    public string Format(long calls, int top = 25)
    {
        var total = GC.GetTotalAllocatedBytes();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"alloc total_bytes={total} per_call_bytes={(calls > 0 ? total / calls : 0)} sampled_bytes={Interlocked.Read(ref _sampled)}\n");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            text.Append(CultureInfo.InvariantCulture, $"alloc {bytes,14} {type}\n");
        }

        foreach (var (kind, count) in _collections.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"gc {count,6} {kind}\n");
        }

        var info = GC.GetGCMemoryInfo(GCKind.Any);
        text.Append(CultureInfo.InvariantCulture, $"gc last: gen{info.Generation} compacted={info.Compacted} concurrent={info.Concurrent} promoted_bytes={info.PromotedBytes} heap_bytes={info.HeapSizeBytes} pause_ms={info.PauseDurations[0].TotalMilliseconds:F1}");
        for (var g = 0; g < info.GenerationInfo.Length; g++)
        {
            text.Append(CultureInfo.InvariantCulture, $" g{g}_after={info.GenerationInfo[g].SizeAfterBytes}");
        }

        return text.ToString();
    }
}
