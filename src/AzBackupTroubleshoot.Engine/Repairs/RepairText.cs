using System;
using System.Linq;
using Azure;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>One-line descriptions of what went wrong in a write, for records: no stack, no HTTP dump, no token.</summary>
    internal static class RepairText
    {
        public static string Short(Exception? ex)
        {
            switch (ex)
            {
                case null: return "no answer";
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return Short(aggregate.InnerExceptions.Last());
                case RequestFailedException rfe when rfe.Status == 0:
                    return "the connection to ARM failed: " + FirstLine(rfe.InnerException?.Message ?? rfe.Message);
                case RequestFailedException rfe:
                    return $"{rfe.Status} {rfe.ErrorCode}: {FirstLine(rfe.Message)}";
                case OperationCanceledException _:
                    return "no answer within the client's timeout";
                default:
                    return FirstLine(ex.Message);
            }
        }

        public static string? Code(Exception? ex) => ex switch
        {
            null => null,
            AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => Code(aggregate.InnerExceptions.Last()),
            RequestFailedException rfe when rfe.Status == 0 => "ConnectionFailed",
            RequestFailedException rfe => rfe.ErrorCode ?? rfe.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AzBackupTroubleshoot.Errors.AzbtException azbt => azbt.Code,
            ArmRequestFailedException arm => arm.ErrorCode ?? arm.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OperationCanceledException _ => "Timeout",
            System.Net.Http.HttpRequestException _ => "ConnectionFailed",
            _ => null,
        };

        public static string FirstLine(string text) => text.Split('\n')[0].Trim();
    }
}
