package dev.skiff.model.codec;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes the strings that a YAML 1.1 reader such as kubectl's would otherwise turn into something else:
 * besides Jackson's defaults (numbers, booleans, null, special characters), timestamps like
 * {@code 2026-01-01} and base-60 numbers like {@code 1:20}.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}([Tt \\t].*)?");
  private static final Pattern SEXAGESIMAL = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || TIMESTAMP.matcher(value).matches()
        || SEXAGESIMAL.matcher(value).matches();
  }
}
