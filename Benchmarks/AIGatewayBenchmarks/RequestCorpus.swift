/// Real-shaped chat requests of a chosen size, for the canonicalization benchmark.
///
/// A system prompt, a tool with a JSON-schema, and alternating user/assistant turns of prose
/// (with a tool call and its result) until the body reaches the target size — what a chat
/// app with tools actually sends, not a synthetic blob of one string.
enum RequestCorpus {
    static func openAIChat(targetBytes: Int) -> [UInt8] {
        var messages: [String] = [
            #"{"role":"system","content":"You are a helpful assistant for Acme Corp. Answer briefly, cite the knowledge base, and call tools when the user asks about orders."}"#,
        ]
        var turn = 0
        func body() -> String {
            """
            {"model":"gpt-4o-mini","temperature":0.7,"max_tokens":1000,"stream":false,\
            "user":"user_456","stop":["\\n\\nUser:","END"],\
            "tools":[{"type":"function","function":{"name":"get_order","description":"Look up an order by id",\
            "parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"The order id"},\
            "include_items":{"type":"boolean"}},"required":["order_id"]}}}],\
            "messages":[\(messages.joined(separator: ","))]}
            """
        }
        while body().utf8.count < targetBytes {
            turn += 1
            switch turn % 4 {
            case 1:
                messages.append(#"{"role":"user","content":"Question \#(turn): could you explain how the quarterly report summarises revenue by region, and why the totals in the appendix differ from the ones in the overview? Please be specific about the months involved."}"#)
            case 2:
                messages.append(#"{"role":"assistant","content":null,"tool_calls":[{"id":"call_\#(turn)","type":"function","function":{"name":"get_order","arguments":"{\"order_id\":\"A-\#(turn)\",\"include_items\":true}"}}]}"#)
            case 3:
                messages.append(#"{"role":"tool","tool_call_id":"call_\#(turn - 1)","content":"{\"order_id\":\"A-\#(turn - 1)\",\"status\":\"shipped\",\"items\":[{\"sku\":\"X1\",\"qty\":2,\"price\":19.99}]}"}"#)
            default:
                messages.append(#"{"role":"assistant","content":"The overview rounds each region to the nearest thousand, while the appendix keeps exact figures; the difference of 3.2% comes from currency conversion at month-end rates (turn \#(turn)). Ünïcödé and emoji 🚀 are kept as they are."}"#)
            }
        }
        return Array(body().utf8)
    }
}
