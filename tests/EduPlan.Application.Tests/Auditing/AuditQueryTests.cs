using EduPlan.Application.Auditing;
using EduPlan.Core.Auditing;
using EduPlan.Core.Reporting;

namespace EduPlan.Application.Tests.Auditing;

/// <summary>The auditor's query on a real migrated SQLite database: China-time day bounds, filters, newest-first paging, streaming.</summary>
public sealed class AuditQueryTests
{
    private static readonly DateTime Base = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_day_filter_covers_the_whole_day_in_China_time_and_nothing_more()
    {
        await using var database = await TestDatabase.CreateAsync();
        await InsertAsync(database,
            Entry(Utc("2026-03-01T15:59:59.999"), "last-moment-of-1-march"),
            Entry(Utc("2026-03-01T16:00:00"), "midnight-2-march"),
            Entry(Utc("2026-03-02T15:59:59.999"), "last-moment-of-2-march"),
            Entry(Utc("2026-03-02T16:00:00"), "midnight-3-march"));

        var day = new DateOnly(2026, 3, 2);
        (await TargetsAsync(database, new AuditSearch { From = day, To = day }))
            .Should().Equal("last-moment-of-2-march", "midnight-2-march");
        (await TargetsAsync(database, new AuditSearch { From = day }))
            .Should().Equal("midnight-3-march", "last-moment-of-2-march", "midnight-2-march");
        (await TargetsAsync(database, new AuditSearch { To = new DateOnly(2026, 3, 1) }))
            .Should().Equal("last-moment-of-1-march");
    }

    [Fact]
    public void Utc_bounds_are_China_midnights_and_the_end_day_is_included()
    {
        var (from, to) = new AuditSearch { From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 1, 31) }.UtcBounds();

        from.Should().Be(new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc));
        from!.Value.Kind.Should().Be(DateTimeKind.Utc);
        to.Should().Be(new DateTime(2026, 1, 31, 16, 0, 0, DateTimeKind.Utc));
        new AuditSearch { From = DateOnly.MinValue, To = DateOnly.MaxValue }.UtcBounds().Should().Be(((DateTime?)null, (DateTime?)null));
    }

    [Fact]
    public void China_time_is_eight_hours_ahead_of_UTC_across_the_date_line()
    {
        ChinaCalendar.ToChina(Utc("2026-03-01T16:30:05")).DateTime.Should().Be(new DateTime(2026, 3, 2, 0, 30, 5));
        ChinaCalendar.DateOf(new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc)).Should().Be(new DateOnly(2026, 3, 2));
        ChinaCalendar.DateOf(new DateTime(2026, 3, 1, 15, 59, 59, DateTimeKind.Utc)).Should().Be(new DateOnly(2026, 3, 1));
        ChinaCalendar.ToUtc(new DateOnly(2026, 3, 2), TimeOnly.MinValue).Should().Be(new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Action_and_outcome_filters_match_exactly()
    {
        await using var database = await TestDatabase.CreateAsync();
        await InsertAsync(database,
            Entry(Base.AddMinutes(1), "signin-ok", AuditActions.SignIn, AuditOutcome.Success),
            Entry(Base.AddMinutes(2), "signin-bad", AuditActions.SignInFailed, AuditOutcome.Failure),
            Entry(Base.AddMinutes(3), "denied", AuditActions.AccessDenied, AuditOutcome.Denied),
            Entry(Base.AddMinutes(4), "signin-ok-2", AuditActions.SignIn, AuditOutcome.Success));

        (await TargetsAsync(database, new AuditSearch { Action = AuditActions.SignIn }))
            .Should().Equal("signin-ok-2", "signin-ok");
        (await TargetsAsync(database, new AuditSearch { Outcome = AuditOutcome.Denied }))
            .Should().Equal("denied");
        (await TargetsAsync(database, new AuditSearch { Action = AuditActions.SignIn, Outcome = AuditOutcome.Failure }))
            .Should().BeEmpty();
    }

    [Fact]
    public async Task Actor_target_and_address_filters_match_a_part_of_the_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        await InsertAsync(database,
            Entry(Base.AddMinutes(1), "市教委", actor: "zhangsan", address: "10.1.2.3", targetId: "17"),
            Entry(Base.AddMinutes(2), "chongqing#9", actor: "lisi", address: "192.168.0.5", targetId: "409"),
            Entry(Base.AddMinutes(3), "wangwu", actor: "zhangsanfeng", address: "10.1.9.9", targetId: "user-guid-abc"));

        (await TargetsAsync(database, new AuditSearch { Actor = "zhangsan" })).Should().Equal("wangwu", "市教委");
        (await TargetsAsync(database, new AuditSearch { Actor = "  lisi " })).Should().Equal(["chongqing#9"], "the filter is trimmed");
        (await TargetsAsync(database, new AuditSearch { Target = "教委" })).Should().Equal("市教委");
        (await TargetsAsync(database, new AuditSearch { Target = "guid-abc" })).Should().Equal(["wangwu"], "the target id is searched too");
        (await TargetsAsync(database, new AuditSearch { Target = "#9" })).Should().Equal("chongqing#9");
        (await TargetsAsync(database, new AuditSearch { ClientAddress = "10.1." })).Should().Equal("wangwu", "市教委");
        (await TargetsAsync(database, new AuditSearch { Actor = "%" })).Should().BeEmpty("a LIKE wildcard is matched literally");
        (await TargetsAsync(database, new AuditSearch { Actor = "zhang", ClientAddress = "10.1.2" })).Should().Equal("市教委");
    }

    [Fact]
    public async Task Pages_hold_fifty_entries_newest_first_and_a_page_past_the_end_shows_the_last()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 118 entries a minute apart, then two written in the same instant: the later insert counts as newer.
        var entries = Enumerable.Range(1, 118).Select(i => Entry(Base.AddMinutes(i), $"e{i:000}")).ToList();
        entries.Add(Entry(Base.AddHours(5), "same-time-first"));
        entries.Add(Entry(Base.AddHours(5), "same-time-second"));
        await InsertAsync(database, [.. entries]);

        await using var db = database.CreateContext();
        var query = new AuditQuery(db);
        var first = await query.PageAsync(new AuditSearch(), 1);
        var third = await query.PageAsync(new AuditSearch(), 3);
        var beyond = await query.PageAsync(new AuditSearch(), 99);
        var beforeFirst = await query.PageAsync(new AuditSearch(), 0);

        first.Total.Should().Be(120);
        first.PageCount.Should().Be(3);
        first.Rows.Should().HaveCount(AuditQuery.PageSize);
        first.Rows.Select(r => r.TargetName).Take(3).Should().Equal("same-time-second", "same-time-first", "e118");
        first.Rows[^1].TargetName.Should().Be("e071");
        third.Rows.Select(r => r.TargetName).Should().HaveCount(20).And.StartWith("e020").And.EndWith("e001");
        beyond.PageNumber.Should().Be(3);
        beyond.Rows.Select(r => r.Id).Should().Equal(third.Rows.Select(r => r.Id));
        beforeFirst.PageNumber.Should().Be(1);
        first.Rows.Should().OnlyContain(r => r.OccurredAt.Kind == DateTimeKind.Utc);
        db.ChangeTracker.Entries().Should().BeEmpty("the auditor's reads are not tracked");
    }

    [Fact]
    public async Task An_empty_log_is_one_empty_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        var page = await new AuditQuery(db).PageAsync(new AuditSearch(), 1);

        page.Should().BeEquivalentTo(new { Total = 0, PageNumber = 1, PageCount = 1 });
        page.Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task Streaming_gives_the_filtered_entries_newest_first_up_to_the_limit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await InsertAsync(database, [.. Enumerable.Range(1, 30).Select(i =>
            Entry(Base.AddMinutes(i), $"e{i:00}", i % 2 == 0 ? AuditActions.SignIn : AuditActions.SignOut))]);

        await using var db = database.CreateContext();
        var query = new AuditQuery(db);
        var signIns = new List<string?>();
        await foreach (var row in query.StreamAsync(new AuditSearch { Action = AuditActions.SignIn }, maxRows: 4))
        {
            signIns.Add(row.TargetName);
        }

        signIns.Should().Equal("e30", "e28", "e26", "e24");
        (await query.CountAsync(new AuditSearch { Action = AuditActions.SignIn })).Should().Be(15);
    }

    private static DateTime Utc(string iso) =>
        DateTime.SpecifyKind(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static AuditEntry Entry(
        DateTime occurredAt,
        string targetName,
        string action = AuditActions.UserUpdated,
        AuditOutcome outcome = AuditOutcome.Success,
        string actor = "admin",
        string address = "127.0.0.1",
        string targetId = "1") => new()
        {
            OccurredAt = occurredAt,
            Action = action,
            Outcome = outcome,
            ActorName = actor,
            ClientAddress = address,
            TargetType = "User",
            TargetId = targetId,
            TargetName = targetName,
        };

    private static async Task InsertAsync(TestDatabase database, params AuditEntry[] entries)
    {
        await using var db = database.CreateContext();
        // One at a time so that the ids follow the list order (the same-instant tie-break depends on it).
        foreach (var entry in entries)
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
        }
    }

    private static async Task<List<string?>> TargetsAsync(TestDatabase database, AuditSearch search)
    {
        await using var db = database.CreateContext();
        var page = await new AuditQuery(db).PageAsync(search, 1);
        return page.Rows.Select(r => r.TargetName).ToList();
    }
}
