# cd to this folder, then: gnuplot e_wearable_allin_sim_mj-over-radio_ble_conn_interval_ms-AC-1.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'e_wearable_allin_sim_mj-over-radio_ble_conn_interval_ms-AC-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'AC-1: e_wearable_allin_sim_mj over radio_ble_conn_interval_ms' noenhanced
set xlabel 'radio_ble_conn_interval_ms' noenhanced
set ylabel 'wearable all-in energy per window (mJ)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (7.5, 30, 100)
plot 'e_wearable_allin_sim_mj-over-radio_ble_conn_interval_ms-AC-1.dat' using 1:2 with linespoints lw 2 pt 5 title 'devices_radio=nrf52832-1m, factor=1' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'devices_radio=nrf52832-1m, factor=2' noenhanced, \
     '' using 1:4 with linespoints lw 2 pt 9 title 'devices_radio=nrf52832-1m, factor=5' noenhanced, \
     '' using 1:5 with linespoints lw 2 pt 11 title 'devices_radio=nrf52832-1m, factor=10' noenhanced, \
     '' using 1:6 with linespoints lw 2 pt 5 title 'devices_radio=nrf52832-1m, factor=20' noenhanced, \
     '' using 1:7 with linespoints lw 2 pt 7 title 'devices_radio=nrf52840-2m, factor=1' noenhanced, \
     '' using 1:8 with linespoints lw 2 pt 9 title 'devices_radio=nrf52840-2m, factor=2' noenhanced, \
     '' using 1:9 with linespoints lw 2 pt 11 title 'devices_radio=nrf52840-2m, factor=5' noenhanced, \
     '' using 1:10 with linespoints lw 2 pt 5 title 'devices_radio=nrf52840-2m, factor=10' noenhanced, \
     '' using 1:11 with linespoints lw 2 pt 7 title 'devices_radio=nrf52840-2m, factor=20' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'e_wearable_allin_sim_mj-over-radio_ble_conn_interval_ms-AC-1.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'e_wearable_allin_sim_mj-over-radio_ble_conn_interval_ms-AC-1.pdf'
replot
unset output
