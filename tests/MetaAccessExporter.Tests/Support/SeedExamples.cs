namespace MetaAccessExporter.Tests.Support;

/// <summary>The vendor's published examples (seed 000), verbatim: trailing commas and all.</summary>
internal static class SeedExamples
{
    public const string VerboseOffPage = """
        {
        "monitored_devices": [{
        "device_id": "SGN56789",
        "severity": "critical",
        "status": "compliant",
        "issue": {
        "total_issue": 10,
        "total_critical_issue": 3,
        "total_warning_issue": 7
        },
        "network_info": [{
        "ipv4": "109.184.237.115",
        "mac": "02:21:9b:06:4b:96",
        }],
        }],
        "deleted_devices":[{
        "device_id": "SGN012345",
        "network_info": [{
        "ipv4": "109.184.237.115",
        "mac": "02:21:9b:06:4b:96",
        }]
        }]
        }
        """;

    public const string VerboseOnDevice = """
        {
        "device_id": "S6YE9I3DNJ4IFMP84LIGG8S8207R4E04",
        "device_type": "desktop",
        "device_name": "tle",
        "nick_name": "tle-accounting",
        "group_name": "default",
        "agent_version": "7.6.51.0",
        "oesis_version": "4.2.1041.0",
        "country": "US",
        "last_seen": "2017-10-16T03:11:09Z",
        "public_ip": "54.78.191.2",
        "remediation_link": ".../remediation.html",
        "user_identity": "accounting",
        "link_user": {
        "username": "testinguser",
        "group": "testinggroup"
        },
        "user_info": {
        "username": "tle",
        "domain": "INTL"
        },
        "os_info": {
        "service_pack_version": "1.0",
        "vendor": "Microsoft Corp.",
        "family": "Windows",
        "os_language": "English",
        "name": "Microsoft Windows 7 Professional ",
        "architecture": "64-bit",
        "version": "6.1.7601",
        "type": "windows"
        },
        "severity": "critical",
        "status": "compliant",
        "status_detail": {
        "exempted": 0,
        "pending": 0,
        "compliant": 0
        },
        "issue": {
        "total_issue": 10,
        "total_critical_issue": 3,
        "total_warning_issue": 7
        }
        }
        """;
}
