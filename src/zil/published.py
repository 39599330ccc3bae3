"""Numbers published in the supplement (Song et al., NeurIPS 2020), for side-by-side tables.

Table 1 and Table 2 are read from supplement.txt. Of its Figure 1 only the zero-divergence
cells (gamma = 1, column "l") are legible in the extracted text; panel (c)'s is not.
The supplement's dataset and network are not named there, so absolute values are not
expected to match ours; what must match is the zero cell (rounding level) and the trend.
"""

SIGMAS = [0.0, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0]

TABLE1_TEST_ERROR_DIVERGENCE = dict(zip(SIGMAS, [0.0, 4.23e-3, 1.77e-2, 6.05e-2, 6.15e-1, 3.73e1, 4.17e1, 4.26e1]))
TABLE1_WEIGHT_DIVERGENCE = dict(zip(SIGMAS, [2.37e-13, 2.40e-2, 9.94e-1, 3.36e0, 1.43e1, 1.08e2, 1.12e3, 1.22e4]))
TABLE2_TEST_ERROR = dict(zip(SIGMAS, [1.0546e-1, 1.0548e-1, 1.0557e-1, 1.0596e-1, 1.1507e-1, 6.8915e-1,
                                      7.5753e-1, 7.7116e-1]))

# Figure 1, cell (gamma = 1, t = l), by lmax; None where the extraction lost the number
FIGURE1_ZERO_CELL_TEST_ERROR = {2: 0.0, 3: None, 4: 0.0}
FIGURE1_ZERO_CELL_WEIGHTS = {2: 2.8e-13, 3: 2.0e-13, 4: 2.3e-13}
