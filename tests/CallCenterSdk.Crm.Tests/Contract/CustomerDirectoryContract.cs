using CallCenterSdk.Crm.Customers;
using CallCenterSdk.Crm.Masking;
using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Phones;
using CallCenterSdk.Crm.Tests.Support;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class CustomerDirectoryContract(IStoreFactory factory) : ContractTest(factory)
{
    private ICustomerDirectory Directory => Store.Customers;

    [Fact]
    public async Task Screen_pop_finds_the_customer_from_any_notation_of_the_number()
    {
        var t = Tenants.New("pop");
        var id = await Directory.CreateAsync(t, new CustomerDraft("Erika Mustermann", "ACME", "erika@example.com", ["030 1234567", "+49 171 5551234"]));

        foreach (var written in new[] { "+49301234567", "0049 30 1234567", "030/123 45 67", "tel:+49-30-1234567;phone-context=x", "(030) 1234-567" })
        {
            var found = await Directory.FindByPhoneAsync(t, written, CrmRole.Supervisor);
            Assert.NotNull(found);
            Assert.Equal(id, found.Id);
        }

        var c = (await Directory.FindByPhoneAsync(t, "01715551234", CrmRole.Supervisor))!;
        Assert.Equal(["+49301234567", "+491715551234"], c.PhoneNumbers);
        Assert.Equal("ACME", c.Company);
        Assert.Null(await Directory.FindByPhoneAsync(t, "+49309999999", CrmRole.Supervisor));
        Assert.Null(await Directory.FindByPhoneAsync(t, "not a number", CrmRole.Supervisor));
    }

    [Fact]
    public async Task Screen_pop_uses_the_tenants_dial_plan()
    {
        var t = Tenants.New("plan");
        await Directory.SetDialPlanAsync(t, DialPlan.NorthAmerica);
        var id = await Directory.CreateAsync(t, new CustomerDraft("Joe", PhoneNumbers: ["(212) 555-0100"]));
        Assert.Equal(id, (await Directory.FindByPhoneAsync(t, "+1 212 555 0100", CrmRole.Supervisor))?.Id);
        Assert.Equal(DialPlan.NorthAmerica, await Directory.GetDialPlanAsync(t));
        // Another tenant keeps the store's default plan, where the same digits mean a German number.
        var other = Tenants.New("plan-other");
        Assert.Equal(DialPlan.Germany, await Directory.GetDialPlanAsync(other));
        Assert.Null(await Directory.FindByPhoneAsync(other, "(212) 555-0100", CrmRole.Supervisor));
        await Assert.ThrowsAsync<CrmValidationException>(() => Directory.SetDialPlanAsync(t, new DialPlan("0")));
    }

    [Fact]
    public async Task Agents_and_field_staff_see_masked_numbers_supervisors_see_them_in_full()
    {
        var t = Tenants.New("mask");
        var id = await Directory.CreateAsync(t, new CustomerDraft("Max", PhoneNumbers: ["+49301234567"]));

        Assert.Equal(["+*******4567"], (await Directory.GetAsync(t, id, CrmRole.Agent))!.PhoneNumbers);
        Assert.Equal(["+*******4567"], (await Directory.FindByPhoneAsync(t, "+49301234567", CrmRole.FieldStaff))!.PhoneNumbers);
        Assert.Equal(["+*******4567"], (await Directory.SearchAsync(t, "Max", PageRequest.First, CrmRole.Agent)).Items.Single().PhoneNumbers);
        Assert.Equal(["+49301234567"], (await Directory.GetAsync(t, id, CrmRole.Supervisor))!.PhoneNumbers);
    }

    [Fact]
    public async Task A_number_can_belong_to_only_one_customer_per_tenant()
    {
        var t = Tenants.New("dup");
        await Directory.CreateAsync(t, new CustomerDraft("First", PhoneNumbers: ["+49301234567"]));
        var e = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft("Second", PhoneNumbers: ["+49 171 000000", "030 1234567"])));
        Assert.Contains("already belongs", e.Message, StringComparison.Ordinal);
        // The rejected create left nothing behind: not the customer, not its first number.
        Assert.Null(await Directory.FindByPhoneAsync(t, "+49171000000", CrmRole.System));
        Assert.Empty((await Directory.SearchAsync(t, "Second", PageRequest.First, CrmRole.System)).Items);
    }

    [Fact]
    public async Task Invalid_input_is_rejected_with_the_field_and_reason()
    {
        var t = Tenants.New("invalid");
        await Directory.DefineFieldAsync(t, new CustomFieldDefinition("contract_no", CustomFieldType.Number, Required: true));

        var noName = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft(" ", CustomFields: new Dictionary<string, string> { ["contract_no"] = "1" })));
        Assert.Equal("name", noName.Field);
        var badPhone = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft("A", PhoneNumbers: ["12x4"], CustomFields: new Dictionary<string, string> { ["contract_no"] = "1" })));
        Assert.Equal("phone[0]", badPhone.Field);
        Assert.Contains("invalid character 'x' at offset 2", badPhone.Reason, StringComparison.Ordinal);
        var badNumber = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft("A", CustomFields: new Dictionary<string, string> { ["contract_no"] = "12,5" })));
        Assert.Equal("field.contract_no", badNumber.Field);
        var missing = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft("A")));
        Assert.Equal("field.contract_no", missing.Field);
        Assert.Equal("is required", missing.Reason);
        var undefined = await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(t, new CustomerDraft("A", CustomFields: new Dictionary<string, string> { ["contract_no"] = "1", ["vip"] = "true" })));
        Assert.Equal("field.vip", undefined.Field);
        await Assert.ThrowsAsync<CrmValidationException>(() => Directory.DefineFieldAsync(t, new CustomFieldDefinition("1bad name", CustomFieldType.Text)));
    }

    [Fact]
    public async Task Custom_fields_are_per_tenant_and_stored_canonically()
    {
        var t = Tenants.New("fields");
        var other = Tenants.New("fields-other");
        await Directory.DefineFieldAsync(t, new CustomFieldDefinition("birthday", CustomFieldType.Date));
        await Directory.DefineFieldAsync(t, new CustomFieldDefinition("vip", CustomFieldType.Boolean));
        await Directory.DefineFieldAsync(t, new CustomFieldDefinition("credit", CustomFieldType.Number));

        var id = await Directory.CreateAsync(t, new CustomerDraft("Ann", CustomFields: new Dictionary<string, string> { ["birthday"] = "1980-02-29", ["vip"] = "TRUE", ["credit"] = "0012.50" }));
        var c = (await Directory.GetAsync(t, id, CrmRole.Supervisor))!;
        Assert.Equal("1980-02-29", c.CustomFields["birthday"]);
        Assert.Equal("true", c.CustomFields["vip"]);
        Assert.Equal("12.50", c.CustomFields["credit"]);
        Assert.Equal(["birthday", "credit", "vip"], (await Directory.GetFieldsAsync(t)).Select(f => f.Name));
        Assert.Empty(await Directory.GetFieldsAsync(other));
        await Assert.ThrowsAsync<CrmValidationException>(() => Directory.CreateAsync(other, new CustomerDraft("Bob", CustomFields: new Dictionary<string, string> { ["vip"] = "true" })));
    }

    [Fact]
    public async Task Update_replaces_data_and_numbers_and_delete_removes_everything()
    {
        var t = Tenants.New("crud");
        var id = await Directory.CreateAsync(t, new CustomerDraft("Old", PhoneNumbers: ["+49301111111"]));
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Directory.UpdateAsync(t, id, new CustomerDraft("New", "Co", "new@example.com", ["+49302222222"]));

        var c = (await Directory.GetAsync(t, id, CrmRole.System))!;
        Assert.Equal(("New", "Co", "new@example.com"), (c.Name, c.Company, c.Email));
        Assert.Equal(c.CreatedAt.AddMinutes(5), c.UpdatedAt);
        Assert.Null(await Directory.FindByPhoneAsync(t, "+49301111111", CrmRole.System));
        Assert.Equal(id, (await Directory.FindByPhoneAsync(t, "+49302222222", CrmRole.System))?.Id);

        await Directory.AddContactAsync(t, new ContactRecord(0, id, Clock.GetUtcNow(), ContactChannel.Phone, true, "alice", "c1", "asked about invoice"));
        Assert.True(await Directory.DeleteAsync(t, id));
        Assert.False(await Directory.DeleteAsync(t, id));
        Assert.Null(await Directory.GetAsync(t, id, CrmRole.System));
        Assert.Null(await Directory.FindByPhoneAsync(t, "+49302222222", CrmRole.System));
        Assert.Empty((await Directory.GetContactHistoryAsync(t, id, PageRequest.First)).Items);
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Directory.UpdateAsync(t, id, new CustomerDraft("X")));
        // The number is free again.
        await Directory.CreateAsync(t, new CustomerDraft("Reuse", PhoneNumbers: ["+49302222222"]));
    }

    [Fact]
    public async Task Search_pages_through_every_match_once_in_id_order()
    {
        var t = Tenants.New("search");
        var ids = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(await Directory.CreateAsync(t, new CustomerDraft(i % 2 == 0 ? $"Smith {i}" : $"Jones {i}", i == 3 ? "Smithfield Ltd" : null)));
        }

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await Directory.SearchAsync(t, "smith", new PageRequest(4, token), CrmRole.System);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(c => c.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        var expected = ids.Where((_, i) => i % 2 == 0 || i == 3).ToList();
        Assert.Equal(expected, seen);
        Assert.Empty((await Directory.SearchAsync(t, "100%_", PageRequest.First, CrmRole.System)).Items);
        Assert.Equal(25, (await Directory.SearchAsync(t, "", new PageRequest(100), CrmRole.System)).Items.Count);
        await Assert.ThrowsAsync<CrmValidationException>(() => Directory.SearchAsync(t, "", new PageRequest(10, "garbage"), CrmRole.System));
        await Assert.ThrowsAsync<CrmValidationException>(() => Directory.SearchAsync(t, "", new PageRequest(0), CrmRole.System));
    }

    [Fact]
    public async Task Contact_history_is_newest_first_and_paged()
    {
        var t = Tenants.New("history");
        var id = await Directory.CreateAsync(t, new CustomerDraft("Hist"));
        var start = Clock.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            await Directory.AddContactAsync(t, new ContactRecord(0, id, start.AddMinutes(i % 3), ContactChannel.Phone, i % 2 == 0, "bob", $"c{i}", $"contact {i}"));
        }

        var all = new List<ContactRecord>();
        string? token = null;
        do
        {
            var page = await Directory.GetContactHistoryAsync(t, id, new PageRequest(3, token));
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(7, all.Count);
        Assert.Equal(7, all.Select(c => c.Id).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.At > p.Second.At || (p.First.At == p.Second.At && p.First.Id > p.Second.Id)));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Directory.AddContactAsync(t, new ContactRecord(0, id + 1000, start, ContactChannel.Email, true, null, null, "x")));
    }

    [Fact]
    public async Task No_directory_call_reaches_another_tenants_customers()
    {
        var a = Tenants.New("iso-a");
        var b = Tenants.New("iso-b");
        var id = await Directory.CreateAsync(a, new CustomerDraft("Alice A", PhoneNumbers: ["+49301234567"]));
        await Directory.AddContactAsync(a, new ContactRecord(0, id, Clock.GetUtcNow(), ContactChannel.Phone, true, null, null, "secret"));

        Assert.Null(await Directory.GetAsync(b, id, CrmRole.System));
        Assert.Null(await Directory.FindByPhoneAsync(b, "+49301234567", CrmRole.System));
        Assert.Empty((await Directory.SearchAsync(b, "Alice", PageRequest.First, CrmRole.System)).Items);
        Assert.Empty((await Directory.GetContactHistoryAsync(b, id, PageRequest.First)).Items);
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Directory.UpdateAsync(b, id, new CustomerDraft("Hijack")));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Directory.AddContactAsync(b, new ContactRecord(0, id, Clock.GetUtcNow(), ContactChannel.Phone, true, null, null, "x")));
        Assert.False(await Directory.DeleteAsync(b, id));

        // The same number may exist in another tenant, and each tenant pops its own customer.
        var idB = await Directory.CreateAsync(b, new CustomerDraft("Bob B", PhoneNumbers: ["+49301234567"]));
        Assert.Equal(idB, (await Directory.FindByPhoneAsync(b, "+49301234567", CrmRole.System))?.Id);
        Assert.Equal("Alice A", (await Directory.GetAsync(a, id, CrmRole.System))?.Name);
        Assert.Single((await Directory.GetContactHistoryAsync(a, id, PageRequest.First)).Items);
    }
}
