# cd to this folder, then: gnuplot e_wearable_allin_sim_mj-over-distance_m-SD-1.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'e_wearable_allin_sim_mj-over-distance_m-SD-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'SD-1: E_all-in,sim over distance' noenhanced
set xlabel 'distance (m)' noenhanced
set ylabel 'wearable all-in energy per window (mJ)' noenhanced
set yrange [0:*]
set xrange [2.4:72.6]
set key below height 1
set xtics nomirror (5, 40, 64, 70)
plot 'e_wearable_allin_sim_mj-over-distance_m-SD-1.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'radio = nrf52840-1m, f = 10' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'radio = nrf52840-coded-s2, f = 10' noenhanced, \
     '' using 1:4 with linespoints lw 1.5 ps 0.8 lc rgb '#D55E00' dt 3 pt 9 title 'radio = nrf52840-coded-s8, f = 10' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'e_wearable_allin_sim_mj-over-distance_m-SD-1.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'e_wearable_allin_sim_mj-over-distance_m-SD-1.pdf'
replot
unset output
