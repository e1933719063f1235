using System.Globalization;
using CallCenterSdk.Crm.Reports;
using CsvHelper;

namespace CallCenterSdk.Crm.Tests.Reports;

public sealed class KpiCsvExportTests
{
    [Fact]
    public async Task Csv_has_the_documented_header_and_invariant_values_with_empty_undefined_kpis()
    {
        var counts = new KpiCounts(6, 4, 2, 1, 3, 1, 60_002, 43_000, 40_500, 450, 30, 60, 1, 2, 8); // waits in milliseconds
        var bucket = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));
        var rows = new[]
        {
            KpiFormulas.Compute(bucket, "sales, north", counts, ServiceLevelFormula.AnsweredWithinOverAnsweredAndLongAbandons, null),
            KpiFormulas.Compute(bucket, "empty", new KpiCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ServiceLevelFormula.AnsweredWithinOverAnswered, new AgentTime(0, 0, 0, 0)),
        };
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        await KpiCsvExport.WriteAsync(rows, writer);

        using var csv = new CsvReader(new StringReader(writer.ToString()), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        Assert.Equal(KpiCsvExport.Columns, csv.HeaderRecord);
        csv.Read();
        Assert.Equal("2026-03-10T00:00:00+01:00", csv.GetField("bucket_start"));
        Assert.Equal("sales, north", csv.GetField("key"));
        Assert.Equal("0.6", csv.GetField("service_level"));
        Assert.Equal("135", csv.GetField("aht_s"));
        Assert.Equal("21.5", csv.GetField("avg_abandon_s"));
        Assert.Equal("15.0005", csv.GetField("asa_s"));
        Assert.Equal("40.5", csv.GetField("max_wait_s"));
        Assert.Equal("1", csv.GetField("abandoned_within_threshold"));
        Assert.Equal("", csv.GetField("occupancy"));
        csv.Read();
        Assert.Equal("", csv.GetField("service_level"));
        Assert.Equal("0", csv.GetField("offered"));
        Assert.False(csv.Read());
    }
}
