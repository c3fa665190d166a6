using EduPlan.Core.Organisation;
using EduPlan.Core.Plans;
using EduPlan.Core.Reporting;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduPlan.Browser.Tests;

/// <summary>What several browser tests set up the same way, straight in the portal's database.</summary>
public static class BrowserSeed
{
    /// <summary>市教委 (and, when asked, 市财政局 as co-department) made owners of Chongqing task 10.</summary>
    public static async Task<(PlanTask Task, Department Education, Department? Finance)> OwnTask10Async(EduPlanDbContext db, bool withFinance)
    {
        var education = new Department { Name = "重庆市教育委员会", ShortName = "市教委", Kind = DepartmentKind.MunicipalDepartment };
        var finance = withFinance ? new Department { Name = "重庆市财政局", ShortName = "市财政局", Kind = DepartmentKind.MunicipalDepartment } : null;
        db.Departments.Add(education);
        if (finance is not null)
        {
            db.Departments.Add(finance);
        }

        await db.SaveChangesAsync();
        var task = await db.Tasks.SingleAsync(t => t.Plan!.Code == "chongqing" && t.Number == 10);
        task.LeadDepartmentId = education.Id;
        if (finance is not null)
        {
            db.TaskCoDepartments.Add(new TaskCoDepartment { TaskId = task.Id, DepartmentId = finance.Id });
        }

        await db.SaveChangesAsync();
        return (task, education, finance);
    }

    /// <summary>Today's quarter open for entry for 30 more days (a coordinator's reopening), whatever the date the test runs.</summary>
    public static async Task<Quarter> OpenTodaysQuarterAsync(EduPlanDbContext db, TimeProvider clock)
    {
        var today = ChinaCalendar.Today(clock);
        var quarter = Quarter.Containing(today);
        db.ReportingPeriodOverrides.Add(new ReportingPeriodOverride
        {
            Year = quarter.Year,
            QuarterNumber = quarter.Number,
            Mode = PeriodOverrideMode.Open,
            OpenUntil = today.AddDays(30),
            Reason = "浏览器测试",
            ChangedAt = clock.GetUtcNow().UtcDateTime,
            ChangedByName = "coordinator",
        });
        await db.SaveChangesAsync();
        return quarter;
    }

    /// <summary>A user with a password that needs no change, one role and optionally a department.</summary>
    public static async Task AddUserAsync(UserManager<ApplicationUser> users, TimeProvider clock, string name, string display, string role, int? department, string password)
    {
        var user = new ApplicationUser { UserName = name, DisplayName = display, DepartmentId = department, PasswordChangedAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow() };
        (await users.CreateAsync(user, password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
    }
}
