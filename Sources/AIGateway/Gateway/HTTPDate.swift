import AIGatewayStore

/// The `Date` header's text (RFC 9110's IMF-fixdate): `Sun, 29 Nov 2026 17:55:44 GMT`.
public enum HTTPDate {
    public static func string(secondsSince1970 seconds: Int64) -> String {
        UTCDate.httpDate(secondsSince1970: seconds)
    }
}
