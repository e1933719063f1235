using System.Numerics;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Media.Resampling;

/// <summary>
/// Converts mono 16-bit PCM between sample rates by a rational factor L/M (8, 16 and 48 kHz in any direction)
/// with a polyphase FIR: only the taps that meet real input samples are computed, one phase per output sample.
/// The prototype low-pass is a Kaiser design with 70 dB stop-band rejection (at least 60 dB is guaranteed and
/// measured by the tests) whose stop band starts at the lower rate's Nyquist frequency, so nothing aliases
/// or images into the output band; the pass band is flat to 85% of that Nyquist frequency (3.4 kHz at 8 kHz).
/// Streaming and stateful: feed consecutive frames; no allocation per frame.
/// </summary>
public sealed class PolyphaseResampler
{
    private const double StopBandDb = 70;
    private const double PassBandFraction = 0.85;
    private readonly int _up;
    private readonly int _down;
    private readonly int _tapsPerPhase;
    private readonly float[] _coefficients; // phase-major, each phase reversed so a dot product is contiguous
    private readonly float[] _buffer;
    private int _time; // upsampled-time position of the next output, relative to the current frame's first sample

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    /// <param name="inputRate">Input sample rate in Hz.</param>
    /// <param name="outputRate">Output sample rate in Hz.</param>
    /// <param name="maxInputFrame">Longest input span accepted per call; default 60 ms at the input rate.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive, or the reduced ratio needs more than 48 phases.</exception>
    public PolyphaseResampler(int inputRate, int outputRate, int maxInputFrame = 0)
    {
        if (inputRate <= 0 || outputRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputRate), "Sample rates must be positive.");
        }

        int gcd = (int)BigInteger.GreatestCommonDivisor(inputRate, outputRate);
        _up = outputRate / gcd;
        _down = inputRate / gcd;
        if (_up > 48 || _down > 48)
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), $"{inputRate} to {outputRate} Hz reduces to {_up}/{_down}; only ratios of up to 48 phases (8, 16, 24, 32, 48 kHz) are supported.");
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        MaxInputFrame = maxInputFrame > 0 ? maxInputFrame : inputRate * 60 / 1000;

        double upsampledRate = (double)inputRate * _up;
        double nyquist = Math.Min(inputRate, outputRate) / 2.0;
        double passEdge = PassBandFraction * nyquist;
        double cutoff = (passEdge + nyquist) / 2 / upsampledRate;
        double transition = (nyquist - passEdge) / upsampledRate;
        if (_up == 1 && _down == 1)
        {
            _tapsPerPhase = 1;
            _coefficients = [1f];
        }
        else
        {
            var prototype = KaiserLowPass.Design(cutoff, transition, StopBandDb, _up, _up);
            _tapsPerPhase = prototype.Length / _up;
            _coefficients = new float[prototype.Length];
            for (int phase = 0; phase < _up; phase++)
            {
                for (int j = 0; j < _tapsPerPhase; j++)
                {
                    _coefficients[(phase * _tapsPerPhase) + (_tapsPerPhase - 1 - j)] = (float)prototype[phase + (_up * j)];
                }
            }

            TotalTaps = prototype.Length;
        }

        _buffer = new float[_tapsPerPhase - 1 + MaxInputFrame + Vector<float>.Count];
    }

    /// <summary>Input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Longest input span accepted per call.</summary>
    public int MaxInputFrame { get; }

    /// <summary>Length of the prototype filter in taps (at the upsampled rate).</summary>
    public int TotalTaps { get; }

    /// <summary>Group delay of the filter in output samples: the lag between input and output.</summary>
    public double Delay => TotalTaps == 0 ? 0 : (TotalTaps - 1) / 2.0 / _down;

    /// <summary>How many output samples the next call with <paramref name="inputSamples"/> inputs will produce.</summary>
    public int OutputLengthFor(int inputSamples)
    {
        long upsampled = (long)inputSamples * _up;
        return upsampled <= _time ? 0 : (int)((upsampled - _time + _down - 1) / _down);
    }

    /// <summary>
    /// Resamples <paramref name="input"/> (the next consecutive samples) into <paramref name="output"/> and returns
    /// the count written: exactly input×L/M for 20 ms frames between 8, 16 and 48 kHz.
    /// </summary>
    /// <exception cref="ArgumentException">The input is longer than <see cref="MaxInputFrame"/> or the output too short.</exception>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length > MaxInputFrame)
        {
            throw new ArgumentException($"The resampler was sized for {MaxInputFrame} input samples per call; got {input.Length}.", nameof(input));
        }

        int produced = OutputLengthFor(input.Length);
        if (output.Length < produced)
        {
            throw new ArgumentException($"{input.Length} input samples give {produced} output samples but the output holds {output.Length}.", nameof(output));
        }

        int history = _tapsPerPhase - 1;
        var buffer = _buffer.AsSpan();
        for (int i = 0; i < input.Length; i++)
        {
            buffer[history + i] = input[i];
        }

        var coefficients = _coefficients.AsSpan();
        long end = (long)input.Length * _up;
        int written = 0;
        int time = _time;
        while (time < end)
        {
            int n = time / _up;
            int phase = time - (n * _up);
            float sum = Dot(coefficients.Slice(phase * _tapsPerPhase, _tapsPerPhase), buffer.Slice(n, _tapsPerPhase));
            output[written++] = (short)Math.Clamp(MathF.Round(sum), short.MinValue, short.MaxValue);
            time += _down;
        }

        _time = time - (int)end;
        // Keep the last taps-1 input samples as history for the next call.
        buffer.Slice(input.Length, history).CopyTo(buffer);
        return written;
    }

    /// <summary>Forgets the history (silence before the next sample).</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        _time = 0;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            for (int v = 0; v < va.Length; v++)
            {
                acc += va[v] * new Vector<float>(b.Slice(v * Vector<float>.Count, Vector<float>.Count));
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
