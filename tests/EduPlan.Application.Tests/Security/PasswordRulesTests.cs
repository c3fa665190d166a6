using EduPlan.Application.Security;
using EduPlan.Data;
using EduPlan.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EduPlan.Application.Tests.Security;

/// <summary>The password rules and the lockout as the CLI gets them (AddEduPlanIdentityCore), on a real SQLite database.</summary>
public sealed class PasswordRulesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);
    private TestDatabase database = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        collection.AddDbContext<EduPlanDbContext>(options => database.Configure(options));
        collection.AddEduPlanIdentityCore(new ConfigurationBuilder().Build());
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("Abcdefghijk1", true)]
    [InlineData("abcdefghij-1", true)]
    [InlineData("ABCDEFGHIJ-k", true)]
    [InlineData("Abcdefghij-1", true)]
    [InlineData("教育强国建设规划纲要2035a", true)]
    [InlineData("abcdefghijkl", false)]
    [InlineData("abcdefghij12", false)]
    [InlineData("ABCDEFGHIJ!!", false)]
    [InlineData("123456789012", false)]
    public async Task A_password_needs_three_of_the_four_character_kinds(string password, bool accepted)
    {
        var result = await ValidateAsync("zhangsan", password);

        result.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            result.Errors.Select(e => e.Code).Should().Equal(nameof(EduPlanIdentityErrorDescriber.PasswordRequiresCharacterKinds));
        }
    }

    [Fact]
    public async Task A_password_of_eleven_characters_is_too_short()
    {
        var result = await ValidateAsync("zhangsan", "Abcdefghi-1");

        result.Errors.Select(e => e.Code).Should().Equal(nameof(IdentityErrorDescriber.PasswordTooShort));
    }

    [Theory]
    [InlineData("Zhangsan-2024")]
    [InlineData("My-ZHANGSAN-pw9")]
    [InlineData("x-zhangsan-Y-42")]
    public async Task A_password_containing_the_user_name_in_any_case_is_refused(string password)
    {
        var result = await ValidateAsync("zhangsan", password);

        result.Errors.Select(e => e.Code).Should().Equal(nameof(EduPlanIdentityErrorDescriber.PasswordContainsUserName));
    }

    [Fact]
    public async Task A_password_of_128_characters_is_accepted_in_full_and_129_are_refused()
    {
        var longest = "Aa1-" + new string('x', 124);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "wangwu", DisplayName = "王五" };

        var tooLong = await users.CreateAsync(user, longest + "x");
        var created = await users.CreateAsync(user, longest);

        tooLong.Errors.Select(e => e.Code).Should().Equal(nameof(EduPlanIdentityErrorDescriber.PasswordTooLong));
        created.Succeeded.Should().BeTrue();
        (await users.CheckPasswordAsync(user, longest)).Should().BeTrue();
        (await users.CheckPasswordAsync(user, longest[..127])).Should().BeFalse("nothing is cut off: the 128th character counts");
        (await users.CheckPasswordAsync(user, longest + "x")).Should().BeFalse();
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_on_the_app_clock()
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "lisi", DisplayName = "李四" };
        (await users.CreateAsync(user, "Li-Si-Passw0rd")).Succeeded.Should().BeTrue();

        for (var failure = 1; failure <= 4; failure++)
        {
            await users.AccessFailedAsync(user);
        }

        var afterFour = await users.IsLockedOutAsync(user);
        await users.AccessFailedAsync(user);
        var afterFive = await users.IsLockedOutAsync(user);
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var justBefore = await users.IsLockedOutAsync(user);
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = await users.IsLockedOutAsync(user);

        users.Should().BeOfType<EduPlanUserManager>();
        afterFour.Should().BeFalse();
        afterFive.Should().BeTrue();
        user.LockoutEnd.Should().Be(Start.AddMinutes(15));
        user.AccessFailedCount.Should().Be(0, "the count starts again after a lockout");
        justBefore.Should().BeTrue();
        after.Should().BeFalse();
    }

    [Fact]
    public async Task Configured_rules_replace_the_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:PasswordMinLength"] = "16",
            ["Security:PasswordRequiredCharacterKinds"] = "4",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        collection.AddDbContext<EduPlanDbContext>(options => database.Configure(options));
        collection.AddEduPlanIdentityCore(configuration);
        await using var strict = collection.BuildServiceProvider();
        await using var scope = strict.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "zhaoliu" }, "Abcdefghij12");

        result.Errors.Select(e => e.Code).Should().BeEquivalentTo(
            nameof(IdentityErrorDescriber.PasswordTooShort), nameof(EduPlanIdentityErrorDescriber.PasswordRequiresCharacterKinds));
    }

    [Theory]
    [InlineData("Password1234")]
    [InlineData("P@ssw0rd!2035")]
    [InlineData("Qwertyuiop123")]
    [InlineData("1qaz2wsx3EDC")]
    [InlineData("Iloveyou-2026")]
    [InlineData("SUNSHINE-2035")]
    public async Task Common_leaked_passwords_are_refused_however_they_are_dressed(string password)
    {
        var result = await ValidateAsync("zhangsan", password);

        result.Errors.Select(e => e.Code).Should().Contain(nameof(EduPlanIdentityErrorDescriber.PasswordIsCommon));
    }

    [Theory]
    [InlineData("Test-Root-Passw0rd")]
    [InlineData("Chongqing-Edu-2035")]
    [InlineData("教育强国建设规划纲要2035a")]
    [InlineData("Love-2035-Abcdef")]
    public async Task Passwords_that_only_contain_a_common_word_are_accepted(string password)
    {
        (await ValidateAsync("zhangsan", password)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void The_list_holds_the_thirty_thousand_passwords()
    {
        Application.Security.CommonPasswords.CommonPasswordList.Count.Should().Be(30_000);
        Application.Security.CommonPasswords.CommonPasswordList.IsCommon("123456").Should().BeTrue();
    }

    [Theory]
    [InlineData("Huguoqing-2035x")]
    [InlineData("胡国庆Abc-2035")]
    [InlineData("市教委Abcd-2035")]
    [InlineData("Abcd-2035-重庆市教育委员会")]
    public async Task A_password_with_the_display_name_or_the_department_is_refused(string password)
    {
        var departmentId = await WithDbAsync(async db =>
        {
            var department = new Core.Organisation.Department { Name = "重庆市教育委员会", ShortName = "市教委", Kind = Core.Organisation.DepartmentKind.Other };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            return department.Id;
        });

        var result = await ValidateAsync("zhangsan", password, new ApplicationUser { UserName = "zhangsan", DisplayName = password.StartsWith('H') ? "Huguoqing" : "胡国庆", DepartmentId = departmentId });

        result.Errors.Select(e => e.Code).Should().Contain(nameof(EduPlanIdentityErrorDescriber.PasswordContainsPersonalName));
    }

    private async Task<T> WithDbAsync<T>(Func<EduPlanDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EduPlanDbContext>());
    }

    private async Task<IdentityResult> ValidateAsync(string userName, string password, ApplicationUser? withUser = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = withUser ?? new ApplicationUser { UserName = userName };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }
}
