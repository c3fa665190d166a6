using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace EduPlan.Web.Infrastructure;

/// <summary>MVC's built-in model binding messages ("The value '' is invalid.") in the reader's language.</summary>
public static class ModelBindingMessages
{
    public static void Localize(DefaultModelBindingMessageProvider provider, IStringLocalizer localizer)
    {
        provider.SetValueMustNotBeNullAccessor(value => localizer["BindingValueMustNotBeNull", value]);
        provider.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["BindingAttemptedValueIsInvalid", value, field]);
        provider.SetValueIsInvalidAccessor(value => localizer["BindingValueIsInvalid", value]);
        provider.SetMissingBindRequiredValueAccessor(field => localizer["BindingMissingValue", field]);
        provider.SetMissingKeyOrValueAccessor(() => localizer["BindingMissingKeyOrValue"]);
        provider.SetValueMustBeANumberAccessor(field => localizer["BindingValueMustBeANumber", field]);
        provider.SetNonPropertyValueMustBeANumberAccessor(() => localizer["BindingNonPropertyValueMustBeANumber"]);
        provider.SetUnknownValueIsInvalidAccessor(field => localizer["BindingValueIsInvalid", field]);
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["BindingValueIsInvalid", value]);
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["BindingNonPropertyValueIsInvalid"]);
        provider.SetMissingRequestBodyRequiredValueAccessor(() => localizer["BindingMissingRequestBody"]);
    }
}
