/// The client requests of ``ProjectExchange/all``, as an SDK would send them.
public enum ProjectBodies {
    public static let openAIChat = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Answer in one sentence."},{"role":"user","content":"What is the capital of France?"}]}"#
    public static let openAIChatStream = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"stream":true,"stream_options":{"include_usage":true}}"#
    public static let openAIToolCall = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"What's the weather in Paris?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}"#
    public static let openAIError = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"temperature":3}"#
    public static let anthropicMessage = #"{"model":"claude-3-5-haiku-20241022","max_tokens":256,"messages":[{"role":"user","content":"What is the capital of France?"}]}"#
    public static let anthropicStream = #"{"model":"claude-3-5-haiku-20241022","max_tokens":256,"messages":[{"role":"user","content":"Say hello."}],"stream":true}"#
    public static let anthropicToolUse = #"{"model":"claude-3-5-haiku-20241022","max_tokens":256,"tools":[{"name":"get_weather","description":"Current weather for a city.","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"messages":[{"role":"user","content":"What's the weather in Paris?"}],"stream":true}"#
    public static let anthropicError = #"{"model":"claude-3-5-haiku-20241022","max_tokens":256,"messages":[{"role":"user","content":"Hi"}]}"#
}
