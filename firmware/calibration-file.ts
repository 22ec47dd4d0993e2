/**
 * The file that holds fob N's cell calibration on the board: `fc<N>`, its
 * text the gain in thousandths ("1043": readings x 1.043), written by
 * `fobsync test-fob --fob N --calibrate <mV>` against a voltage the user
 * measured. The firmware applies it to every cell reading and says so
 * (`battery ... gain=`); no file, no gain (`gain=0`).
 */
export const CALIBRATION_FILE = "fc";
