# cd to this folder, then: gnuplot e_paper_total_sim_mj-over-factor-AC-1.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'e_paper_total_sim_mj-over-factor-AC-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'AC-1: e_paper_total_sim_mj over factor' noenhanced
set xlabel 'fog energy-efficiency factor' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale x
set key outside right top
set xtics nomirror (1, 2, 5, 10, 20)
plot 'e_paper_total_sim_mj-over-factor-AC-1.dat' using 1:2 with linespoints lw 2 pt 5 title 'devices_radio=nrf52832-1m, radio_ble_conn_interval_ms=7.5' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'devices_radio=nrf52832-1m, radio_ble_conn_interval_ms=30' noenhanced, \
     '' using 1:4 with linespoints lw 2 pt 9 title 'devices_radio=nrf52832-1m, radio_ble_conn_interval_ms=100' noenhanced, \
     '' using 1:5 with linespoints lw 2 pt 11 title 'devices_radio=nrf52840-2m, radio_ble_conn_interval_ms=7.5' noenhanced, \
     '' using 1:6 with linespoints lw 2 pt 5 title 'devices_radio=nrf52840-2m, radio_ble_conn_interval_ms=30' noenhanced, \
     '' using 1:7 with linespoints lw 2 pt 7 title 'devices_radio=nrf52840-2m, radio_ble_conn_interval_ms=100' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'e_paper_total_sim_mj-over-factor-AC-1.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'e_paper_total_sim_mj-over-factor-AC-1.pdf'
replot
unset output
