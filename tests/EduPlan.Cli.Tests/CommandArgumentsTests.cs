using EduPlan.Cli.Infrastructure;

namespace EduPlan.Cli.Tests;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Options_take_their_value_from_the_next_argument_or_after_an_equals_sign()
    {
        var arguments = CommandArguments.Parse(["--format", "json", "--plan=chongqing", "a.txt"], valueOptions: ["--format", "--plan"]);

        arguments.Value("--format").Should().Be("json");
        arguments.Value("--plan").Should().Be("chongqing");
        arguments.Positionals.Should().Equal("a.txt");
    }

    [Fact]
    public void An_option_without_its_value_is_a_usage_error()
    {
        var parse = () => CommandArguments.Parse(["--plan", "--format", "json"], valueOptions: ["--format", "--plan"]);

        parse.Should().Throw<UsageException>().WithMessage("--plan needs a value");
    }

    [Fact]
    public void An_option_given_twice_is_a_usage_error()
    {
        var parse = () => CommandArguments.Parse(["--plan", "a", "--plan", "b"], valueOptions: ["--plan"]);

        parse.Should().Throw<UsageException>().WithMessage("--plan is given more than once");
    }

    [Fact]
    public void A_flag_given_a_value_is_a_usage_error()
    {
        var parse = () => CommandArguments.Parse(["--script=yes"], flags: ["--script"]);

        parse.Should().Throw<UsageException>().WithMessage("unknown option --script");
    }

    [Fact]
    public void A_double_dash_ends_the_options_so_odd_file_names_can_be_passed()
    {
        var arguments = CommandArguments.Parse(["--script", "--", "--plan.txt"], flags: ["--script"]);

        arguments.Has("--script").Should().BeTrue();
        arguments.Positionals.Should().Equal("--plan.txt");
    }

    [Fact]
    public void A_repeatable_option_keeps_every_value_in_order()
    {
        var arguments = CommandArguments.Parse(["--role", "Reporter", "--user", "li", "--role=Viewer"], valueOptions: ["--user"], repeatableOptions: ["--role"]);

        arguments.Values("--role").Should().Equal("Reporter", "Viewer");
        arguments.Value("--user").Should().Be("li");
        arguments.Values("--department").Should().BeEmpty();
    }

    [Fact]
    public void A_missing_required_option_is_a_usage_error()
    {
        var arguments = CommandArguments.Parse(["--name", ""], valueOptions: ["--name", "--short"]);

        var empty = () => arguments.Required("--name");
        var absent = () => arguments.Required("--short");

        empty.Should().Throw<UsageException>().WithMessage("--name is required");
        absent.Should().Throw<UsageException>().WithMessage("--short is required");
    }
}
