"""waldo-serve: the web page to find Waldo, correct the result and save annotations (Hydra app).

It binds the address itself before starting uvicorn, so a taken port or a bad host is one
line, and ``port=0`` can print the port it got.
"""

from __future__ import annotations

import socket

import hydra
import uvicorn
from omegaconf import DictConfig

from waldo.cli.app import start
from waldo.cli.detect import describe, detector_from
from waldo.cli.errors import exit_on_user_error
from waldo.infer.detector import Detection
from waldo.serve.annotation_store import AnnotationStore
from waldo.serve.app import ServeSettings, create_app
from waldo.serve.same_site import ANY_HOST, LOCAL_HOSTS
from waldo.serve.upload import UploadLimits


def allowed_hosts(host: str) -> tuple[str, ...]:
    """Names a request may address the server by: this computer's, the one it listens on, or any when it listens on all."""
    if host in ("0.0.0.0", "::", ""):
        return (ANY_HOST,)
    return tuple(dict.fromkeys((*LOCAL_HOSTS, host)))


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or one line saying why not."""
    if not 0 <= port <= 65535:
        raise ValueError(f"port={port} must be 0 (any free port) or 1-65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as error:
        raise OSError(f"cannot listen on {host}:{port}: {error.strerror or error}; choose another port= or host=") from None


def announce(record: dict, detections: list[Detection]) -> None:
    """One line per picture, as waldo-detect prints."""
    print(f"{record['path']} {record['width']}x{record['height']}: {describe(detections)}, {record['seconds'] * 1000:.0f} ms", flush=True)


def serve(cfg: DictConfig) -> None:
    """Check everything a user set, then serve until Ctrl-C."""
    threshold, candidates = float(cfg.threshold), float(cfg.candidate_threshold)
    if not 0.0 <= candidates <= threshold:
        raise ValueError(f"candidate_threshold={candidates} must lie between 0 and threshold={threshold}")
    limits = UploadLimits.from_settings(float(cfg.max_upload_mb), float(cfg.max_megapixels))
    store = AnnotationStore(cfg.annotations_dir)
    detector = detector_from(cfg, threshold=candidates)
    settings = ServeSettings(threshold=threshold, model="bundled" if cfg.ckpt is None else str(cfg.ckpt), limits=limits,
                             allowed_hosts=allowed_hosts(str(cfg.host)))
    app = create_app(detector, store, settings, announce)
    sock = listening_socket(str(cfg.host), int(cfg.port))
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"waldo-serve: open http://{shown}:{port}/ (model {settings.model}; annotations saved to {store.folder}); Ctrl-C stops it", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="serve")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    serve(cfg)


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "serve")


if __name__ == "__main__":
    main()
