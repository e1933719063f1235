using System.Globalization;
using System.Text;
using CallCenterSdk.Media.Quality;

namespace CallCenterSdk.JitterLab;

/// <summary>Writes one scenario as an SVG line chart: network delay of each packet, our playout delay and the oracle's.</summary>
internal static class SvgDelayPlot
{
    private const int Width = 1000;
    private const int Height = 360;
    private const int Left = 60;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Render(ScenarioResult result)
    {
        var arrivals = new List<DelaySample>();
        foreach (var p in result.Trace.Packets)
        {
            if (!p.IsLost)
            {
                arrivals.Add(new DelaySample(p.ArrivalTimeMs, p.NetworkDelayMs));
            }
        }

        double t0 = double.PositiveInfinity, t1 = 0, dMax = 1;
        foreach (var series in new IReadOnlyList<DelaySample>[] { arrivals, result.Ours.Timeline, result.Oracle.Timeline })
        {
            foreach (var s in series)
            {
                t0 = Math.Min(t0, s.TimeMs);
                t1 = Math.Max(t1, s.TimeMs);
                dMax = Math.Max(dMax, s.DelayMs);
            }
        }

        if (double.IsPositiveInfinity(t0))
        {
            t0 = 0;
        }

        dMax = Math.Ceiling(dMax / 50) * 50;
        double Xs(double t) => Left + ((t - t0) / Math.Max(1, t1 - t0) * (Width - Left - Right));
        double Ys(double d) => Height - Bottom - (Math.Max(0, d) / dMax * (Height - Top - Bottom));

        var svg = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(c, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(c, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\">{Escape(result.Name)}: delay (ms) over time (s)</text>\n");
        for (double d = 0; d <= dMax; d += dMax / 5)
        {
            svg.Append(c, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Ys(d):0.#}\" y2=\"{Ys(d):0.#}\" stroke=\"#ddd\"/><text x=\"5\" y=\"{Ys(d) + 4:0.#}\">{d:0}</text>\n");
        }

        for (int i = 0; i <= 10; i++)
        {
            double t = t0 + ((t1 - t0) * i / 10);
            svg.Append(c, $"<text x=\"{Xs(t) - 10:0.#}\" y=\"{Height - 20}\">{t / 1000:0.#}</text>\n");
        }

        foreach (var s in Decimate(arrivals, 4000))
        {
            svg.Append(c, $"<circle cx=\"{Xs(s.TimeMs):0.#}\" cy=\"{Ys(s.DelayMs):0.#}\" r=\"1\" fill=\"#999\"/>");
        }

        svg.Append('\n');
        Polyline(svg, Decimate(result.Oracle.Timeline, 2000), Xs, Ys, "#2a7");
        Polyline(svg, Decimate(result.Ours.Timeline, 4000), Xs, Ys, "#c33");
        svg.Append(c, $"<text x=\"{Width - 330}\" y=\"18\"><tspan fill=\"#999\">● network delay</tspan>  <tspan fill=\"#c33\">— ours</tspan>  <tspan fill=\"#2a7\">— oracle</tspan></text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Polyline(StringBuilder svg, IEnumerable<DelaySample> points, Func<double, double> xs, Func<double, double> ys, string colour)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\" points=\"");
        foreach (var p in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"{xs(p.TimeMs):0.#},{ys(p.DelayMs):0.#} ");
        }

        svg.Append("\"/>\n");
    }

    private static IEnumerable<DelaySample> Decimate(IReadOnlyList<DelaySample> points, int maxPoints)
    {
        int step = Math.Max(1, points.Count / maxPoints);
        for (int i = 0; i < points.Count; i += step)
        {
            yield return points[i];
        }
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
