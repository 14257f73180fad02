# cd to this folder, then: gnuplot e_paper_total_sim_mj-over-distance_m-SD-1.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'e_paper_total_sim_mj-over-distance_m-SD-1.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'SD-1: e_paper_total_sim_mj over distance_m' noenhanced
set xlabel 'distance_m' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set key outside right top
set xtics nomirror (5, 40, 64, 70)
plot 'e_paper_total_sim_mj-over-distance_m-SD-1.dat' using 1:2 with linespoints lw 2 pt 5 title 'devices_radio=nrf52840-1m, factor=10' noenhanced, \
     '' using 1:3 with linespoints lw 2 pt 7 title 'devices_radio=nrf52840-coded-s2, factor=10' noenhanced, \
     '' using 1:4 with linespoints lw 2 pt 9 title 'devices_radio=nrf52840-coded-s8, factor=10' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'e_paper_total_sim_mj-over-distance_m-SD-1.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'e_paper_total_sim_mj-over-distance_m-SD-1.pdf'
replot
unset output
