using System.Buffers;

namespace CallCenterSdk.Media.Jitter;

/// <summary>
/// A histogram of relative packet delays in 1 ms buckets where old packets weigh less (exponential forgetting,
/// as NetEQ's delay histogram). Forgetting is O(1): instead of scaling every bucket down by f per packet, each
/// new packet is added with weight 1/f^n, and everything is rescaled when the weights grow large. A Fenwick tree
/// gives the quantile in O(log n), so insertion stays allocation-free and constant-time.
/// </summary>
internal sealed class ForgettingDelayHistogram
{
    private const double RescaleAbove = 1e150;
    private readonly double[] _buckets;
    private readonly double[] _tree;
    private readonly double _growth;
    private double _weight = 1;
    private double _total;

    public ForgettingDelayHistogram(int buckets, double forgettingFactor)
    {
        _buckets = new double[buckets];
        _tree = new double[buckets + 1];
        _growth = 1.0 / forgettingFactor;
    }

    public int Count => _buckets.Length;

    public double Total => _total;

    public double Weight(int bucket) => _buckets[bucket];

    public void Add(int bucket)
    {
        bucket = Math.Clamp(bucket, 0, _buckets.Length - 1);
        _weight *= _growth;
        if (_weight > RescaleAbove)
        {
            Scale(1.0 / _weight);
            _weight = 1;
        }

        _buckets[bucket] += _weight;
        _total += _weight;
        for (int i = bucket + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += _weight;
        }
    }

    /// <summary>Total weight of buckets 0..<paramref name="bucket"/> (0 below bucket 0), in O(log n).</summary>
    public double WeightUpTo(int bucket)
    {
        if (bucket < 0)
        {
            return 0;
        }

        double sum = 0;
        for (int i = Math.Min(bucket, _buckets.Length - 1) + 1; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }

    /// <summary>The smallest bucket b such that buckets 0..b hold at least <paramref name="quantile"/> of the weight.</summary>
    public int Quantile(double quantile)
    {
        if (_total <= 0)
        {
            return 0;
        }

        double goal = quantile * _total;
        int position = 0;
        int step = 1;
        while (step * 2 < _tree.Length)
        {
            step *= 2;
        }

        // Fenwick descent: the largest prefix whose sum stays below the goal; the answer is the next bucket.
        for (; step > 0; step >>= 1)
        {
            int next = position + step;
            if (next < _tree.Length && _tree[next] < goal)
            {
                position = next;
                goal -= _tree[next];
            }
        }

        return Math.Min(position, _buckets.Length - 1);
    }

    /// <summary>
    /// Moves every weight by <paramref name="shift"/> buckets because the zero reference moved; weights pushed
    /// past either end pile into the end bucket. Rare (a route change), O(n); its scratch space is rented, not kept
    /// by every histogram (one per jitter buffer, so per call leg).
    /// </summary>
    public void Shift(int shift)
    {
        if (shift == 0)
        {
            return;
        }

        int n = _buckets.Length;
        var scratch = ArrayPool<double>.Shared.Rent(n);
        Array.Clear(scratch, 0, n);
        for (int i = 0; i < n; i++)
        {
            int to = Math.Clamp(i + shift, 0, n - 1);
            scratch[to] += _buckets[i];
        }

        Array.Copy(scratch, _buckets, n);
        ArrayPool<double>.Shared.Return(scratch);
        Rebuild();
    }

    private void Scale(double factor)
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] *= factor;
        }

        Rebuild();
    }

    private void Rebuild()
    {
        Array.Clear(_tree);
        _total = 0;
        for (int b = 0; b < _buckets.Length; b++)
        {
            double v = _buckets[b];
            _total += v;
            for (int i = b + 1; i < _tree.Length; i += i & -i)
            {
                _tree[i] += v;
            }
        }
    }
}
