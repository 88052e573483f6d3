package dev.skiff.client;

/**
 * The per-client settings resource clients need besides the transport.
 *
 * @param retryPolicy the retry policy (for edit's conflict retries)
 * @param fieldManager the default field manager of server-side apply
 * @param validate whether writes check names and labels before sending
 */
record ClientSettings(RetryPolicy retryPolicy, String fieldManager, boolean validate) {}
