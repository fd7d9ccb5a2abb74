"""The training process's linear algebra on one thread.

NumPy's matrix products run on OpenBLAS (or MKL), which by default starts one
thread per core and splits any product large enough, such as the output
view's 10,000-point grid through each layer ((8, 9) @ (9, 10,000) per layer
of case B). On a machine whose cores the window also needs, those threads
spin while they wait for work and take the core the window draws on: case B's
snapshot cost the training process 22 ms of CPU with two BLAS threads and
5 ms with one, and the window drew twice as many frames with the training
process on one thread. A training process that shares the machine with its
window therefore keeps its BLAS to one thread, with ``threadpoolctl``, the
library scikit-learn uses for the same purpose (Ogier Laurent et al.,
https://github.com/joblib/threadpoolctl).
"""

from __future__ import annotations


def one_blas_thread():
    """Limit every BLAS library loaded in this process (OpenBLAS, MKL, BLIS) to
    one thread, from now on. Returns the ``threadpoolctl.threadpool_limits``
    object, whose ``restore_original_limits()`` undoes it (for tests)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def blas_threads() -> int:
    """The largest thread count of the BLAS libraries loaded in this process (1 when none is)."""
    from threadpoolctl import threadpool_info

    return max((lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"), default=1)
