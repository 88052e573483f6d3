package dev.skiff.client.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into plain Java: {@code Map<String, Object>} (in document order), {@code List<Object>}
 * and {@code String} for every scalar, exactly as written (null for {@code null}, {@code ~} and empty ones), so a token or password that happens to look like
 * a number ({@code 0123}, {@code 1e3}) is not changed; interpreting booleans is the reader's business.
 * Anchors, aliases and {@code <<} merge keys are resolved. Built on Jackson's streaming YAML parser, so no
 * data binding library is needed.
 */
final class YamlTree {
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private YamlTree() {}

  /** Malformed YAML: only where, never what (the offending text may be a secret). */
  static final class MalformedYamlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    MalformedYamlException(int line, int column) {
      super("malformed YAML" + (line > 0 ? " at line " + line + ", column " + column : ""));
      this.line = line;
      this.column = column;
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  /**
   * Parses the first document.
   *
   * @param text YAML text
   * @return the document's value, or null for an empty document
   * @throws MalformedYamlException when the text is not YAML
   */
  static Object parse(String text) throws MalformedYamlException {
    try (YAMLParser p = YAML.createParser(text)) {
      try {
        return p.nextToken() == null ? null : new Reader(p).value();
      } catch (StreamReadException e) {
        JsonLocation at = e.getLocation();
        throw new MalformedYamlException(at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr());
      } catch (IOException | RuntimeException e) {
        // SnakeYAML's own exceptions may escape Jackson unwrapped; like the above, they may quote the text.
        JsonLocation at = p.currentLocation();
        throw new MalformedYamlException(at.getLineNr(), at.getColumnNr());
      }
    } catch (IOException e) {
      throw new MalformedYamlException(-1, -1);
    }
  }

  /** One document's walk, with the anchors seen so far. */
  private static final class Reader {
    private final YAMLParser p;
    private final Map<String, Object> anchors = new HashMap<>();

    Reader(YAMLParser p) {
      this.p = p;
    }

    /** Reads the value the parser is on. */
    Object value() throws IOException {
      if (p.isCurrentAlias()) {
        String name = p.getText();
        if (!anchors.containsKey(name)) {
          throw new JsonParseException(p, "unknown alias", p.currentTokenLocation());
        }
        return anchors.get(name);
      }
      String anchor = p.getObjectId();
      Object value = switch (p.currentToken()) {
        case START_OBJECT -> mapping();
        case START_ARRAY -> sequence();
        case VALUE_NULL -> null;
        // An empty scalar (`key:`) is null, as in Go's YAML reader; a quoted empty string goes with it.
        default -> p.getTextLength() == 0 ? null : p.getText();
      };
      if (anchor != null) {
        anchors.put(anchor, value);
      }
      return value;
    }

    private Map<String, Object> mapping() throws IOException {
      Map<String, Object> map = new LinkedHashMap<>();
      Map<?, ?> merged = null;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String key = p.currentName();
        p.nextToken();
        Object value = value();
        if (key.equals("<<") && value instanceof Map<?, ?> base) {
          merged = base; // keys written in this mapping win over merged ones, wherever the merge key is
        } else {
          map.put(key, value);
        }
      }
      if (merged != null) {
        merged.forEach((k, v) -> map.putIfAbsent((String) k, v));
      }
      return map;
    }

    private List<Object> sequence() throws IOException {
      List<Object> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(value());
      }
      return list;
    }
  }
}
