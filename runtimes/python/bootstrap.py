"""lambdaload's Python runtime: one execution environment of the local emulator.

A client of the Lambda Runtime API (http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...), behaving as AWS's own
Python runtime interface client (awslambdaric) does:
- `_HANDLER` = `[dir/]module.function` is imported from LAMBDA_TASK_ROOT and called as `handler(event, context)`;
- init failures go to /init/error as `Runtime.ImportModuleError`, `Runtime.UserCodeSyntaxError`,
  `Runtime.HandlerNotFound`, `Runtime.MalformedHandlerName` (or the exception's own type), then the process exits;
- handler exceptions are reported as `{errorMessage, errorType, requestId, stackTrace}`;
- the root logger writes `[LEVEL]\t<time>Z\t<request id>\t<message>`, AWS's text format.
Only the standard library, and a small HTTP/1.1 client on a socket rather than http.client (which alone takes
~25 ms to import): its start-up is the cold start.
"""
import importlib
import json
import logging
import os
import socket
import sys
import time

RUNTIME_PATH = "/2018-06-01/runtime"
_host, _port = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001").split(":")
_current_request_id = None


class _RuntimeApiClient:
    """One keep-alive HTTP/1.1 connection to the Runtime API."""

    def __init__(self, host, port):
        self._host = host
        self._sock = socket.create_connection((host, int(port)))
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._file = self._sock.makefile("rb")

    def request(self, method, path, body=b"", headers=None):
        head = "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n" % (method, path, self._host, len(body))
        for name, value in (headers or {}).items():
            head += "%s: %s\r\n" % (name, value)
        self._sock.sendall(head.encode("latin-1") + b"\r\n" + body)
        status_line = self._file.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        response_headers = []
        while True:
            line = self._file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            response_headers.append((name.strip(), value.strip()))
        lookup = {name.lower(): value for name, value in response_headers}
        if lookup.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self._file.readline().split(b";")[0], 16)
                if size == 0:
                    while self._file.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self._file.read(size))
                self._file.readline()
            data = b"".join(chunks)
        else:
            data = self._file.read(int(lookup.get("content-length", "0")))
        return status, response_headers, data


_client = None


def _call(method, path, body=b"", headers=None):
    global _client
    try:
        if _client is None:
            _client = _RuntimeApiClient(_host, _port)
        return _client.request(method, RUNTIME_PATH + path, body, headers)
    except (ConnectionError, OSError, ValueError, IndexError) as error:
        # The emulator is gone (lambdaload stopped or crashed): nothing left to serve.
        sys.stderr.write("lambdaload runtime: Runtime API unreachable (%s), exiting\n" % error)
        os._exit(1)


def _error_payload(error, request_id=None, error_type=None, message=None):
    import traceback

    stack = traceback.format_list(traceback.extract_tb(error.__traceback__)) if error.__traceback__ else []
    payload = {
        "errorMessage": message if message is not None else str(error),
        "errorType": error_type or type(error).__name__,
        "stackTrace": [line.rstrip("\n") for line in stack],
    }
    if request_id is not None:
        payload["requestId"] = request_id
    return payload


def _log_error(payload):
    lines = ["[ERROR] %s: %s" % (payload["errorType"], payload["errorMessage"])]
    if payload.get("stackTrace"):
        lines.append("Traceback (most recent call last):")
        lines.extend(payload["stackTrace"])
    sys.stdout.write("\r".join(line.replace("\n", "\r") for line in lines) + "\n")


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id
        return True


def _setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s", "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


class LambdaContext:
    def __init__(self, request_id, headers):
        self.aws_request_id = request_id
        self.invoked_function_arn = headers.get("lambda-runtime-invoked-function-arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = _parse_json(headers.get("lambda-runtime-client-context"))
        self.identity = _parse_json(headers.get("lambda-runtime-cognito-identity"))
        self._deadline_ms = int(headers.get("lambda-runtime-deadline-ms", "0"))

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def _parse_json(value):
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


class _InitError(Exception):
    def __init__(self, error_type, message, cause=None):
        super().__init__(message)
        self.error_type = error_type
        self.cause = cause


def _load_handler(task_root, full_handler):
    try:
        module_name, function_name = full_handler.rsplit(".", 1)
    except ValueError as error:
        raise _InitError("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (full_handler, error))
    module_name = module_name.replace("/", ".")
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise _InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error), error)
    except SyntaxError as error:
        raise _InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), error)
    handler = getattr(module, function_name, None)
    if handler is None:
        raise _InitError("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return handler


def _post_init_error(error):
    if isinstance(error, _InitError):
        payload = {"errorMessage": str(error), "errorType": error.error_type, "requestId": "", "stackTrace": []}
    else:
        payload = _error_payload(error, "")
    _log_error(payload)
    body = json.dumps(payload).encode("utf-8")
    _call("POST", "/init/error", body, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": payload["errorType"]})


def _serve(handler):
    global _current_request_id
    while True:
        status, raw_headers, body = _call("GET", "/invocation/next")
        if status != 200:
            sys.stderr.write("lambdaload runtime: /invocation/next answered %s: %r\n" % (status, body))
            os._exit(1)
        headers = {name.lower(): value for name, value in raw_headers}
        request_id = headers.get("lambda-runtime-aws-request-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        _current_request_id = request_id
        path = "/invocation/%s" % request_id
        try:
            event = json.loads(body) if body else {}
            result = handler(event, LambdaContext(request_id, headers))
        except Exception as error:
            payload = _error_payload(error, request_id)
            _log_error(payload)
            _call("POST", path + "/error", json.dumps(payload).encode("utf-8"), {"Content-Type": "application/json"})
            continue
        try:
            response = json.dumps(result).encode("utf-8")
        except (TypeError, ValueError) as error:
            payload = _error_payload(error, request_id, "Runtime.MarshalError", "Unable to marshal response: %s" % error)
            _log_error(payload)
            _call("POST", path + "/error", json.dumps(payload).encode("utf-8"), {"Content-Type": "application/json"})
            continue
        _call("POST", path + "/response", response, {"Content-Type": "application/json"})


def _await_go(fd):
    """A prestarted runtime (the emulator's spare processes): the bootstrap is loaded, no user code yet. Say so on
    the private control channel and wait there until a cold start takes this process; INIT is measured from then."""
    os.set_blocking(fd, True)
    os.write(fd, b"ready\n")
    received = b""
    while b"go\n" not in received:
        chunk = os.read(fd, 64)
        if not chunk:
            # The emulator went away before this environment was needed: nothing to serve.
            sys.exit(0)
        received += chunk
    os.close(fd)


def main():
    control_fd = os.environ.pop("_LAMBDALOAD_CONTROL_FD", None)
    _setup_logging()
    if control_fd is not None:
        _await_go(int(control_fd))
    try:
        handler = _load_handler(os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()), os.environ.get("_HANDLER", ""))
    except Exception as error:
        _post_init_error(error)
        sys.exit(1)
    _serve(handler)


if __name__ == "__main__":
    main()
