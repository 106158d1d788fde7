"""IPython settings for the kernels that execute the chapters.

`make book`, `make test` and the build tests point IPYTHONDIR at the folder above this one, so a
build's kernels read this profile and not the developer's own ~/.ipython (whose startup files
would otherwise run inside every chapter).

ipykernel (>= 7.4) logs "Kernel is running over TCP without encryption" at WARNING level when its
client did not provision CurveZMQ keys. Jupyter Book starts each chapter's kernel through myst-nb,
jupyter-cache and nbclient with jupyter_client's defaults (TCP on 127.0.0.1, HMAC-signed messages,
``KernelManager.transport_encryption = "disabled"``) and offers no setting that reaches the kernel
manager, so every build printed the warning once per chapter. The kernel runs the book's own code on
the build machine for a few seconds; its application log is kept to errors. Cell output (including a
chapter's warnings) does not go through this log and still reaches the build.
"""

c = get_config()  # noqa: F821  (IPython provides get_config() to configuration files)

c.IPKernelApp.log_level = "ERROR"
# Nothing to keep between builds: no history database in the repository.
c.HistoryManager.enabled = False
