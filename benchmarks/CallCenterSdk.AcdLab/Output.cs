using System.Globalization;

namespace CallCenterSdk.AcdLab;

/// <summary>The stable output format of the erlang and simulate commands: one <c>name: value</c> per line.</summary>
internal static class Output
{
    public static void Line(string name, double value) =>
        Console.WriteLine(name + ": " + (double.IsInfinity(value) ? "inf" : value.ToString("0.######", CultureInfo.InvariantCulture)));

    public static void Line(string name, long value) =>
        Console.WriteLine(name + ": " + value.ToString(CultureInfo.InvariantCulture));
}
