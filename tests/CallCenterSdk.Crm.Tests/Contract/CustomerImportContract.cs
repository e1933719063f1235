using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Import;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tests.Support;
using ClosedXML.Excel;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class CustomerImportContract(IStoreFactory factory) : ContractTest(factory)
{
    private const string Csv = """
        name,company,email,phone,phone2,tier
        Good One,ACME,one@example.com,030 1111111,,gold
        ,NoName Inc,,030 2222222,,
        Bad Phone,,,030-12a45,,
        Bad Mail,,not-an-email,,,
        "Quoted, Name",,q@example.com,+44 20 7946 0958,,silver
        Dup Second Number,,,030 3333333,030 1111111,
        Bad Tier,,,,,platinum
        Last Good,,,,,
        """;

    private async Task<Tenancy.TenantId> TenantWithTierAsync()
    {
        var t = Tenants.New("import");
        await Store.Customers.DefineFieldAsync(t, new CustomFieldDefinition("tier", CustomFieldType.Text));
        return t;
    }

    [Fact]
    public async Task Csv_import_reports_every_bad_row_and_imports_only_whole_good_rows()
    {
        var t = await TenantWithTierAsync();
        // Row 8's tier is longer than a text field may be.
        var report = await new CustomerImporter(Store.Customers).ImportCsvAsync(t, new StringReader(Csv.Replace("platinum", new string('p', 2001), StringComparison.Ordinal)));

        Assert.Equal(8, report.RowsRead);
        Assert.Equal(3, report.Imported.Count);
        Assert.Equal([3, 4, 5, 7, 8], report.Errors.Select(e => e.Row).Distinct());
        Assert.Contains(report.Errors, e => e is { Row: 3, Field: "name", Reason: "is required" });
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Field == "phone[0]" && e.Reason.Contains("invalid character 'a'", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Field == "email");
        Assert.Contains(report.Errors, e => e.Row == 7 && e.Reason.Contains("+49301111111 already belongs", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Row == 8 && e.Field == "field.tier");

        // Row 7 was rejected by the store after its first number was written: nothing of it stayed.
        Assert.Null(await Store.Customers.FindByPhoneAsync(t, "030 3333333", CrmRole.System));
        var names = (await Store.Customers.SearchAsync(t, "", PageRequest.First, CrmRole.System)).Items.Select(c => c.Name);
        Assert.Equal(["Good One", "Quoted, Name", "Last Good"], names);
        var quoted = await Store.Customers.FindByPhoneAsync(t, "+442079460958", CrmRole.System);
        Assert.Equal("silver", quoted!.CustomFields["tier"]);
    }

    [Fact]
    public async Task Xlsx_import_reads_numeric_phone_cells_and_reports_bad_rows()
    {
        var t = await TenantWithTierAsync();
        using var stream = new MemoryStream();
        using (var wb = new XLWorkbook())
        {
            var ws = wb.AddWorksheet("customers");
            string[] header = ["name", "email", "phones", "tier"];
            for (var i = 0; i < header.Length; i++)
            {
                ws.Cell(1, i + 1).Value = header[i];
            }

            ws.Cell(2, 1).Value = "Sheet Good";
            ws.Cell(2, 3).Value = "+49 30 555 123";
            ws.Cell(2, 4).Value = 12345678901; // a number cell must not come back as "1.23E+10"
            ws.Cell(3, 1).Value = "Sheet Bad";
            ws.Cell(3, 2).Value = "@nope";
            ws.Cell(5, 1).Value = "After Blank";
            ws.Cell(5, 3).Value = "+49 30 555 124; 0171 2223334";
            ws.Cell(5, 4).Value = "bronze";
            wb.SaveAs(stream);
        }

        stream.Position = 0;
        var report = await new CustomerImporter(Store.Customers).ImportXlsxAsync(t, stream);

        Assert.Equal(3, report.RowsRead);
        Assert.Equal(2, report.Imported.Count);
        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "email"), (error.Row, error.Field));
        Assert.Equal("12345678901", (await Store.Customers.FindByPhoneAsync(t, "030555123", CrmRole.System))!.CustomFields["tier"]);
        var after = await Store.Customers.FindByPhoneAsync(t, "01712223334", CrmRole.System);
        Assert.Equal("After Blank", after!.Name);
        Assert.Equal(["+4930555124", "+491712223334"], after.PhoneNumbers);
    }

    [Fact]
    public async Task Unknown_columns_and_missing_name_column_refuse_the_whole_file()
    {
        var t = await TenantWithTierAsync();
        var importer = new CustomerImporter(Store.Customers);
        var unknown = await Assert.ThrowsAsync<ImportFormatException>(() => importer.ImportCsvAsync(t, new StringReader("name,shoe_size\nA,42\n")));
        Assert.Contains("shoe_size", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ImportFormatException>(() => importer.ImportCsvAsync(t, new StringReader("company\nACME\n")));
        await Assert.ThrowsAsync<ImportFormatException>(() => importer.ImportCsvAsync(t, new StringReader("")));
        await Assert.ThrowsAsync<ImportFormatException>(() => importer.ImportXlsxAsync(t, new MemoryStream("not a zip"u8.ToArray())));
        Assert.Empty((await Store.Customers.SearchAsync(t, "", PageRequest.First, CrmRole.System)).Items);
    }

    [Fact]
    public async Task A_malformed_csv_row_is_reported_and_the_rest_imported()
    {
        var t = await TenantWithTierAsync();
        var report = await new CustomerImporter(Store.Customers).ImportCsvAsync(t, new StringReader("name,email\nFine,a@b.c\nBro\"ken,x@y.z\nAlso Fine,\n"));
        Assert.Equal(2, report.Imported.Count);
        var e = Assert.Single(report.Errors);
        Assert.Equal(3, e.Row);
        Assert.Contains("malformed", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_goes_only_into_the_given_tenant()
    {
        var t = await TenantWithTierAsync();
        var other = Tenants.New("import-other");
        await new CustomerImporter(Store.Customers).ImportCsvAsync(t, new StringReader("name,phone\nOnly Mine,030 7777777\n"));
        Assert.Null(await Store.Customers.FindByPhoneAsync(other, "030 7777777", CrmRole.System));
        Assert.NotNull(await Store.Customers.FindByPhoneAsync(t, "030 7777777", CrmRole.System));
    }
}
